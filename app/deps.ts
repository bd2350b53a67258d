import { createSqlInteractionLog } from './adapters/interaction-log/sql.ts'
import { migrate } from './adapters/sql/migrate.ts'
import { openDatabase } from './adapters/sql/open.ts'
import type { Config } from './config.ts'
import {
  type CustomerContextService,
  createCustomerContextService,
} from './core/customers/context-service.ts'
import { createLogger, type Logger } from './observability/logger.ts'
import type { InteractionLog } from './ports/interaction-log.ts'
import type { SqlDatabase } from './ports/sql.ts'

/** Everything the use cases and routes need, one adapter per port. */
export interface Deps {
  config: Config
  logger: Logger
  db: SqlDatabase
  interactions: InteractionLog
  customerContexts: CustomerContextService
  close(): Promise<void>
}

/**
 * The composition root: picks each adapter from the config and migrates the database.
 * Pass `overrides` to inject an already-open database or logger (tests).
 */
export async function createDeps(
  config: Config,
  overrides: { db?: SqlDatabase; logger?: Logger } = {},
): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL })
  const db = overrides.db ?? (await openDatabase(config.DATABASE_URL))
  const applied = await migrate(db)
  if (applied.length) logger.info('database migrated', { applied, kind: db.kind })
  const interactions = createSqlInteractionLog({ db })
  const customerContexts = createCustomerContextService({
    db,
    interactions,
    highValueThreshold: config.HIGH_VALUE_THRESHOLD,
    ttlMs: config.CONTEXT_CACHE_TTL_SECONDS * 1000,
    maxEntries: config.CONTEXT_CACHE_MAX_ENTRIES,
  })
  return {
    config,
    logger,
    db,
    interactions,
    customerContexts,
    close: () => (overrides.db ? Promise.resolve() : db.close()),
  }
}
