import type { Logger } from '../observability/logger.ts'

/** What middleware puts on the Hono context for handlers. */
export interface AppEnv {
  Variables: {
    correlationId: string
    logger: Logger
    /** Set by the auth middleware: which key called (rate limits, cache keys, audit). */
    apiKeyId?: string
  }
}
