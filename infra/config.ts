import { z } from 'zod'

/**
 * The per-stack settings read from Pulumi.<stack>.yaml (keys under `support-context:`), parsed
 * once so that a bad value fails the preview with a message naming the key. Every cost-relevant
 * knob lives here, so finance can read a stack file beside `npm run cost -- --stack <name>`.
 * Defaults are the cheapest sane choice; a stack file overrides what it needs.
 */

const KnowledgeBaseSettings = z
  .object({
    /**
     * `s3-vectors`: cents a month, semantic search only (the app fuses it with its own keyword
     * index). `opensearch-serverless`: native hybrid search with an always-on OCU floor.
     */
    vectorStore: z.enum(['s3-vectors', 'opensearch-serverless']).default('s3-vectors'),
    /** OpenSearch Serverless only: standby replicas double the OCU floor (≈$175 → ≈$350). */
    openSearchStandbyReplicas: z.boolean().default(false),
    embeddingModelId: z.string().min(1).default('amazon.titan-embed-text-v2:0'),
    embeddingDimensions: z.union([z.literal(256), z.literal(512), z.literal(1024)]).default(1024),
    chunkMaxTokens: z.number().int().min(20).max(8192).default(512),
    chunkOverlapPercent: z.number().int().min(1).max(99).default(10),
    /** Generation model for `POST /tickets/{id}/draft`; drafts are off when absent. */
    draftModelId: z.string().min(1).optional(),
    /**
     * OpenSearch Serverless only: IAM principals (role or user ARNs) added to the collection's
     * data-access policy so someone can create the vector index (docs/infrastructure.md).
     */
    openSearchAdminPrincipalArns: z
      .array(z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::/))
      .default([]),
  })
  .strict()
  .prefault({})

const NetworkSettings = z
  .object({
    /**
     * How Lambdas inside the VPC reach SQS, Secrets Manager and Bedrock: interface endpoints
     * (per endpoint per AZ-hour) or NAT gateways (per gateway-hour plus per GB). S3 and
     * DynamoDB always use free gateway endpoints.
     */
    egress: z.enum(['interface-endpoints', 'nat']).default('interface-endpoints'),
    /** AZs carrying an interface endpoint (egress = interface-endpoints) or a NAT gateway (nat). */
    egressAzCount: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .strict()
  .prefault({})

const DatabaseSettings = z
  .object({
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/)
      .default('db.t4g.micro'),
    engineVersion: z.string().min(1).default('16'),
    allocatedStorageGb: z.number().int().min(20).max(65536).default(20),
    /** Storage autoscaling ceiling; equal to allocatedStorageGb turns autoscaling off. */
    maxAllocatedStorageGb: z.number().int().min(20).max(65536).default(20),
    multiAz: z.boolean().default(false),
    backupRetentionDays: z.number().int().min(0).max(35).default(1),
    deletionProtection: z.boolean().default(false),
    /** Take a final snapshot when the stack is destroyed (false is for throwaway stacks). */
    finalSnapshot: z.boolean().default(false),
  })
  .strict()
  .prefault({})

const TablesSettings = z
  .object({
    pointInTimeRecovery: z.boolean().default(false),
    interactionTtlDays: z.number().int().min(1).max(3650).default(90),
  })
  .strict()
  .prefault({})

const QueueSettings = z
  .object({
    visibilityTimeoutSeconds: z.number().int().min(0).max(43200).default(60),
    retentionDays: z.number().int().min(1).max(14).default(14),
    maxReceiveCount: z.number().int().min(1).max(1000).default(3),
    workerBatchSize: z.number().int().min(1).max(10).default(10),
    /** Caps the worker's concurrency (and so its RDS connections); SQS mapping minimum is 2. */
    workerMaxConcurrency: z.number().int().min(2).max(1000).default(2),
    /** Alarm when this many messages sit in the dead-letter queue. */
    deadLetterAlarmThreshold: z.number().int().min(1).default(1),
  })
  .strict()
  .prefault({})

const FunctionSettings = z.object({
  memoryMb: z.number().int().min(128).max(10240),
  timeoutSeconds: z.number().int().min(1).max(900),
  /** Reserved concurrency; absent means the account's unreserved pool. */
  reservedConcurrency: z.number().int().min(0).optional(),
})

const ApiSettings = FunctionSettings.extend({
  memoryMb: FunctionSettings.shape.memoryMb.default(512),
  timeoutSeconds: FunctionSettings.shape.timeoutSeconds.default(10),
  /** Edge cache TTL for `GET /tickets/{id}/context` (keyed per caller). */
  contextCacheTtlSeconds: z.number().int().min(0).max(3600).default(30),
  /** CloudFront price class: which edge locations serve (and bill) viewers. */
  priceClass: z
    .enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'])
    .default('PriceClass_100'),
  /** Bump to rotate the origin secret CloudFront sends (docs/decisions/0004-origin-protection.md). */
  originSecretVersion: z.number().int().min(1).default(1),
  /**
   * Rotation step 1: the app also accepts the previous version's value until the distribution
   * sends the new one everywhere; set back to false (step 2) once it has deployed.
   */
  originSecretKeepPrevious: z.boolean().default(false),
})
  .strict()
  .prefault({})

const WorkerSettings = FunctionSettings.extend({
  memoryMb: FunctionSettings.shape.memoryMb.default(1024),
  timeoutSeconds: FunctionSettings.shape.timeoutSeconds.default(30),
})
  .strict()
  .prefault({})

/** The two small functions: the document sync (S3 events, and a 5-minute resume) and the outbox relay. */
const SyncSettings = FunctionSettings.extend({
  memoryMb: FunctionSettings.shape.memoryMb.default(512),
  /** Covers the coalescing window plus the StartIngestionJob retries of one invocation. */
  timeoutSeconds: FunctionSettings.shape.timeoutSeconds.default(120),
})
  .strict()
  .prefault({})

const OutboxRelaySettings = FunctionSettings.extend({
  memoryMb: FunctionSettings.shape.memoryMb.default(512),
  timeoutSeconds: FunctionSettings.shape.timeoutSeconds.default(30),
})
  .strict()
  .prefault({})

const DocumentsSettings = z
  .object({
    /** Old versions of replaced or deleted documents are kept this long. */
    noncurrentVersionExpirationDays: z.number().int().min(1).default(30),
    /** Objects move to Intelligent-Tiering after this many days. */
    intelligentTieringAfterDays: z.number().int().min(0).default(30),
  })
  .strict()
  .prefault({})

const ObservabilitySettings = z
  .object({
    logRetentionDays: z
      .union([
        z.literal(1),
        z.literal(3),
        z.literal(5),
        z.literal(7),
        z.literal(14),
        z.literal(30),
        z.literal(60),
        z.literal(90),
        z.literal(180),
        z.literal(365),
      ])
      .default(14),
    /** Where the DLQ alarm notifies; no subscription when absent. */
    alarmEmail: z.email().optional(),
  })
  .strict()
  .prefault({})

/** What finance expects the stack to serve each month; the cost report prices it. */
const ExpectedUsage = z
  .object({
    ticketsPerMonth: z.number().int().min(0),
    /** Agent reads of `GET /tickets/{id}/context` (edge cache hits included). */
    contextReadsPerMonth: z.number().int().min(0),
    /** Knowledge-base searches (each ticket runs its own plus agents' `/kb/search`). */
    kbQueriesPerMonth: z.number().int().min(0),
    /** Fraction of context reads answered by the CloudFront cache, 0..1. */
    edgeCacheHitRatio: z.number().min(0).max(1),
    documents: z.number().int().min(0),
    averageDocumentKb: z.number().min(0),
    /** Documents added or changed each month (each re-embedded). */
    documentChangesPerMonth: z.number().int().min(0),
    /** Text tokens per document, as the embedding model counts them. */
    averageDocumentTokens: z.number().int().min(0),
    averageQueryTokens: z.number().int().min(0),
    draftsPerMonth: z.number().int().min(0),
    draftInputTokens: z.number().int().min(0),
    draftOutputTokens: z.number().int().min(0),
    logGbPerMonth: z.number().min(0),
  })
  .strict()

export const StackConfigSchema = z
  .object({
    environment: z.enum(['dev', 'staging', 'prod']),
    costCenter: z.string().min(1),
    /** The monthly estimate must stay under this; a test fails when it does not. */
    monthlyBudgetUsd: z.number().positive(),
    knowledgeBase: KnowledgeBaseSettings,
    network: NetworkSettings,
    database: DatabaseSettings,
    tables: TablesSettings,
    queue: QueueSettings,
    api: ApiSettings,
    worker: WorkerSettings,
    sync: SyncSettings,
    outboxRelay: OutboxRelaySettings,
    documents: DocumentsSettings,
    observability: ObservabilitySettings,
    expectedUsage: ExpectedUsage,
  })
  .strict()

export type StackConfig = z.infer<typeof StackConfigSchema>

/** The config keys a stack file may set (without the `support-context:` namespace). */
export const stackConfigKeys = Object.keys(StackConfigSchema.shape) as (keyof StackConfig)[]

export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
  const result = StackConfigSchema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join('.')
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : ''
    return `support-context:${path}: ${issue.message}${keys}`
  })
  throw new Error(`Invalid stack configuration: ${problems.join('; ')}`)
}

/**
 * Reads the stack's settings from Pulumi config. Structured values arrive as JSON strings;
 * plain strings (environment, costCenter) do not parse as JSON and are kept as they are.
 */
export function readStackConfig(get: (key: string) => string | undefined): StackConfig {
  const raw: Record<string, unknown> = {}
  for (const key of stackConfigKeys) {
    const value = get(key)
    if (value === undefined) continue
    try {
      raw[key] = JSON.parse(value)
    } catch {
      raw[key] = value
    }
  }
  return parseStackConfig(raw)
}

/** The settings of a stack file (`Pulumi.<stack>.yaml`) as parsed YAML, namespace removed. */
export function stackFileSettings(document: {
  config?: Record<string, unknown>
}): Record<string, unknown> {
  const settings: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(document.config ?? {})) {
    const [namespace, name] = key.split(':')
    if (namespace === 'support-context' && name) settings[name] = value
  }
  return settings
}

/** The tags every resource carries (cost allocation and ownership). */
export function standardTags(config: StackConfig, project: string): Record<string, string> {
  return {
    Project: project,
    Environment: config.environment,
    CostCenter: config.costCenter,
    ManagedBy: 'pulumi',
  }
}
