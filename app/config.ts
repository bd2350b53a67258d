import { z } from 'zod'

const tableUrl = z
  .string()
  .default('sql://')
  .refine((url) => /^(sql:\/\/|dynamodb:\/\/[A-Za-z0-9_.-]{3,255}$)/.test(url), {
    message: 'must be sql:// or dynamodb://<table>',
  })

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1')

/**
 * The environment, parsed once at boot. This is the only module that reads process.env.
 * Every AWS dependency defaults to its embedded twin, so a fresh clone runs with no settings.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** pglite://<dir> (file-backed), pglite://memory, or postgres://user@host:port/db */
  DATABASE_URL: z
    .string()
    .default('pglite://.data/pg')
    .refine((url) => /^(pglite|postgres|postgresql):\/\//.test(url), {
      message: 'must start with pglite://, postgres:// or postgresql://',
    }),
  /** Seed the sample data when the database has no customers yet (embedded demo). */
  SEED_ON_START: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('auto: seed an empty embedded database only'),
  HIGH_VALUE_THRESHOLD: z.coerce.number().nonnegative().default(10_000),
  CONTEXT_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(60),
  CONTEXT_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(5_000),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Read the PostgreSQL URL from this Secrets Manager secret (RDS JSON) instead of DATABASE_URL. */
  DATABASE_SECRET_ARN: z.string().min(1).optional(),
  /** Fill what an RDS-managed secret lacks (it holds only username and password). */
  DATABASE_HOST: z.string().min(1).optional(),
  DATABASE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_NAME: z.string().min(1).optional(),
  /** `sslmode` added to a URL built from the secret (`require` on RDS, which forces TLS). */
  DATABASE_SSLMODE: z.enum(['disable', 'prefer', 'require', 'verify-full']).optional(),
  /** file://<dir> (relative to the working directory) or s3://bucket/prefix. */
  DOCUMENTS_URL: z
    .string()
    .default('file://data/documents')
    .refine((url) => /^(file:\/\/|s3:\/\/[^/]+)/.test(url), {
      message: 'must be file://<dir> or s3://<bucket>/<prefix>',
    }),
  /** sql:// (a table in the database) or dynamodb://<table>. */
  INTERACTIONS_TABLE: tableUrl,
  /** sql:// (a table in the database) or dynamodb://<table> (with the by-requested-at GSI). */
  SYNC_AUDIT_TABLE: tableUrl,
  /** Region of every AWS client; unset, the SDK's own chain decides (Lambda sets AWS_REGION). */
  AWS_REGION: z.string().min(1).optional(),
  /** One endpoint for every AWS client (moto, LocalStack); S3 then uses path-style addressing. */
  AWS_ENDPOINT_URL: z.string().url().optional(),
  /** A Bedrock knowledge base instead of the local index (docs/aws.md, "Bedrock"). */
  KNOWLEDGE_BASE_ID: z
    .string()
    .regex(/^[0-9A-Za-z]{10}$/, 'a Bedrock knowledge base id')
    .optional(),
  KNOWLEDGE_BASE_DATA_SOURCE_ID: z
    .string()
    .regex(/^[0-9A-Za-z]{10}$/, 'a Bedrock data source id')
    .optional(),
  /**
   * The knowledge base's vector store: OpenSearch Serverless searches HYBRID itself; S3 Vectors
   * is semantic only, so its results are fused with our keyword index over the same documents.
   */
  KNOWLEDGE_BASE_VECTOR_STORE: z
    .enum(['s3-vectors', 'opensearch-serverless'])
    .default('s3-vectors'),
  /** Model or inference-profile ARN for Bedrock drafts (RetrieveAndGenerate); needs a Bedrock KB. */
  DRAFT_MODEL_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:bedrock:/, 'a Bedrock model ARN')
    .optional(),
  /** Extractive drafts from the local knowledge base (embedded mode); no model involved. */
  DRAFTS_ENABLED: flag(true),
  KB_SYNC_ON_START: flag(true),
  /** Re-sync when the documents folder changes (embedded), after this quiet period. */
  KB_WATCH: flag(true),
  KB_WATCH_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1_500),
  KB_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
  /**
   * Word vectors for the local index's soft term matching: `bundled` (GloVe, English), `off`,
   * or the path of a table written by scripts/word-vectors.ts (docs/knowledge-base.md).
   */
  KB_WORD_VECTORS: z.string().min(1).default('bundled'),
  CHUNK_MAX_TOKENS: z.coerce.number().int().min(32).max(8_192).default(512),
  CHUNK_OVERLAP_RATIO: z.coerce.number().min(0).max(0.5).default(0.1),
  /** sql://<queue name> (embedded) or the SQS queue URL (https://sqs.<region>.amazonaws.com/...). */
  QUEUE_URL: z
    .string()
    .default('sql://tickets')
    .refine((url) => /^(sql|https?):\/\//.test(url), {
      message: 'must be sql://<name> or an SQS queue URL (https://sqs...)',
    }),
  /** The SQS dead-letter queue named by QUEUE_URL's redrive policy; required with SQS. */
  DEAD_LETTER_QUEUE_URL: z.string().url().optional(),
  QUEUE_VISIBILITY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  QUEUE_MAX_RECEIVES: z.coerce.number().int().min(1).max(100).default(3),
  QUEUE_RETRY_BASE_MS: z.coerce.number().int().min(0).default(1_000),
  /** Run the ticket worker inside the API process (embedded); `npm run worker` runs it alone. */
  WORKER_ENABLED: flag(true),
  SUGGESTIONS_MAX: z.coerce.number().int().min(1).max(20).default(3),
  /** Seconds a ready ticket context may be cached by the caller or the edge (per caller). */
  /**
   * How long this process reuses a ready ticket it read (0 turns it off); never longer than
   * CONTEXT_MAX_AGE_SECONDS, the staleness the context route already allows shared caches.
   */
  CONTEXT_READY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  CONTEXT_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(30),
  /** Require an API key on every route but /health, /openapi.json, /docs and signed webhooks. */
  AUTH_REQUIRED: flag(true),
  API_KEY_RATE_PER_MINUTE: z.coerce.number().int().positive().default(600),
  API_KEY_BURST: z.coerce.number().int().positive().default(60),
  /** Where the embedded start writes a development API key when none exists (never logged). */
  DEV_API_KEY_FILE: z.string().default('.data/dev-api-key'),
  WEBHOOK_SECRET_ZENDESK: z.string().min(1).optional(),
  WEBHOOK_SECRET_FRESHDESK: z.string().min(1).optional(),
  WEBHOOK_SECRET_INTERCOM: z.string().min(1).optional(),
  WEBHOOK_SECRET_JIRA: z.string().min(1).optional(),
  WEBHOOK_SECRET_HUBSPOT: z.string().min(1).optional(),
  WEBHOOK_SECRET_HELPSCOUT: z.string().min(1).optional(),
  /** Reject signed webhooks whose timestamp is further than this from now (replay window). */
  WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
  /** The public origin helpdesks call (https://support.example.com); HubSpot signs the full URL. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /**
   * Behind CloudFront: the secret the edge sends as `x-origin-verify`; requests without it are
   * refused, so the Function URL cannot be called around the edge (docs/decisions/0004).
   */
  ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  /**
   * During a rotation only: the value the edge sent before, accepted beside the new one until
   * every edge location sends the new one (docs/decisions/0004, "Rotation").
   */
  ORIGIN_VERIFY_SECRET_PREVIOUS: z.string().min(32).optional(),
  HUBSPOT_ACCESS_TOKEN: z.string().min(1).optional(),
  HUBSPOT_API_URL: z.string().url().default('https://api.hubapi.com'),
  /** HMAC key of the agent panel's tokens; unset, each process draws its own (docs/panel.md). */
  PANEL_TOKEN_SECRET: z.string().min(32).optional(),
  PANEL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** CSP frame-ancestors of the panel page: the helpdesks allowed to embed it. */
  PANEL_FRAME_ANCESTORS: z
    .string()
    .trim()
    .min(1)
    .default(
      "'self' https://*.zendesk.com https://*.freshdesk.com https://*.atlassian.net https://app.intercom.com https://app.hubspot.com https://secure.helpscout.net",
    )
    // A ';' or line break would let the setting inject other CSP directives or headers.
    .refine((value) => !/[;,\r\n]/.test(value), { message: 'must not contain ; , or line breaks' }),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env)
  const problems = result.success
    ? combinationProblems(result.data, env)
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  if (result.success && problems.length === 0) return result.data
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
}

/** Settings that are valid alone but not together, each as `VARIABLE: why`. */
function combinationProblems(config: Config, env: Record<string, string | undefined>): string[] {
  const problems: string[] = []
  const sqs = !config.QUEUE_URL.startsWith('sql://')
  if (sqs && !config.DEAD_LETTER_QUEUE_URL)
    problems.push('DEAD_LETTER_QUEUE_URL: required with an SQS QUEUE_URL')
  if (!sqs && config.DEAD_LETTER_QUEUE_URL)
    problems.push('DEAD_LETTER_QUEUE_URL: only applies to an SQS QUEUE_URL (QUEUE_URL is sql://)')
  if (config.DATABASE_SECRET_ARN && env.DATABASE_URL !== undefined)
    problems.push('DATABASE_SECRET_ARN: set it or DATABASE_URL, not both')
  for (const name of [
    'DATABASE_HOST',
    'DATABASE_PORT',
    'DATABASE_NAME',
    'DATABASE_SSLMODE',
  ] as const)
    if (config[name] !== undefined && !config.DATABASE_SECRET_ARN)
      problems.push(`${name}: only applies with DATABASE_SECRET_ARN (put it in DATABASE_URL)`)
  if (config.ORIGIN_VERIFY_SECRET_PREVIOUS && !config.ORIGIN_VERIFY_SECRET)
    problems.push('ORIGIN_VERIFY_SECRET_PREVIOUS: only applies with ORIGIN_VERIFY_SECRET')
  if (config.KNOWLEDGE_BASE_ID && !config.KNOWLEDGE_BASE_DATA_SOURCE_ID)
    problems.push('KNOWLEDGE_BASE_DATA_SOURCE_ID: required with KNOWLEDGE_BASE_ID')
  if (!config.KNOWLEDGE_BASE_ID && config.KNOWLEDGE_BASE_DATA_SOURCE_ID)
    problems.push('KNOWLEDGE_BASE_DATA_SOURCE_ID: only applies with KNOWLEDGE_BASE_ID')
  if (config.KNOWLEDGE_BASE_ID && !config.DOCUMENTS_URL.startsWith('s3://'))
    problems.push(
      "DOCUMENTS_URL: must be the knowledge base's s3:// data source with KNOWLEDGE_BASE_ID",
    )
  if (config.DRAFT_MODEL_ARN && !config.KNOWLEDGE_BASE_ID)
    problems.push(
      'DRAFT_MODEL_ARN: needs KNOWLEDGE_BASE_ID (drafts retrieve from that knowledge base)',
    )
  return problems
}
