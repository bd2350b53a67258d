import { z } from 'zod'

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
  /** file://<dir> (relative to the working directory) or s3://bucket/prefix (AWS issue). */
  DOCUMENTS_URL: z
    .string()
    .default('file://data/documents')
    .refine((url) => url.startsWith('file://'), { message: 'must start with file://' }),
  KB_SYNC_ON_START: flag(true),
  /** Re-sync when the documents folder changes (embedded), after this quiet period. */
  KB_WATCH: flag(true),
  KB_WATCH_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1_500),
  KB_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
  CHUNK_MAX_TOKENS: z.coerce.number().int().min(32).max(8_192).default(512),
  CHUNK_OVERLAP_RATIO: z.coerce.number().min(0).max(0.5).default(0.1),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
}
