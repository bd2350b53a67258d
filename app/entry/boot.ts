import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { countActiveApiKeys, createApiKey } from '../core/auth/api-keys.ts'
import { watchDocuments } from '../core/knowledge/watch-documents.ts'
import { processTicket } from '../core/tickets/process-ticket.ts'
import { setTicketStatus } from '../core/tickets/ticket-store.ts'
import { createWorker, type Worker } from '../core/tickets/worker.ts'
import { createDeps, type Deps } from '../deps.ts'
import type { Logger } from '../observability/logger.ts'
import { seedDatabase } from '../seed/seed-database.ts'

/** Parses the config or exits with one line naming the bad variables. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}

/** Builds the dependencies and seeds an empty embedded database so the first request works. */
export async function bootDeps(config: Config): Promise<Deps> {
  const deps = await createDeps(config)
  const wantsSeed =
    config.SEED_ON_START === 'true' ||
    (config.SEED_ON_START === 'auto' && deps.db.kind === 'pglite')
  if (wantsSeed) {
    const result = await seedDatabase({ db: deps.db, interactions: deps.interactions })
    if (result.seeded) deps.logger.info('seeded sample data', { ...result })
  }
  if (config.AUTH_REQUIRED && deps.db.kind === 'pglite') await ensureDevApiKey(deps)
  const interrupted = await deps.recoverInterruptedSyncs()
  if (interrupted)
    deps.logger.warn('closed syncs a previous process left unfinished', { interrupted })
  if (config.KB_SYNC_ON_START) await deps.knowledgeBase.startSync('startup')
  return deps
}

/** Embedded mode: re-sync when the documents folder changes. Resolves a stop function. */
export function startDocumentWatch(deps: Deps): () => void {
  if (!deps.config.KB_WATCH) return () => {}
  return watchDocuments({
    documents: deps.documents,
    knowledgeBase: deps.knowledgeBase,
    debounceMs: deps.config.KB_WATCH_DEBOUNCE_MS,
    logger: deps.logger,
  })
}

/**
 * Embedded first start: with no API key at all, creates `local-dev` and writes it to
 * DEV_API_KEY_FILE (mode 600) so a newcomer can call the API. The key itself is never logged.
 */
async function ensureDevApiKey(deps: Deps): Promise<void> {
  if ((await countActiveApiKeys(deps.db)) > 0) return
  const { key } = await createApiKey(deps.db, {
    name: 'local-dev',
    ratePerMinute: deps.config.API_KEY_RATE_PER_MINUTE,
    burst: deps.config.API_KEY_BURST,
  })
  const file = deps.config.DEV_API_KEY_FILE
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  deps.logger.info('created a development API key', { file })
}

/** The ticket worker over the configured queue; a dead-lettered ticket becomes failed. */
export function createTicketWorker(deps: Deps): Worker {
  return createWorker({
    queue: deps.queue,
    logger: deps.logger,
    maxReceives: deps.config.QUEUE_MAX_RECEIVES,
    visibilityTimeoutMs: deps.config.QUEUE_VISIBILITY_TIMEOUT_MS,
    retryBaseMs: deps.config.QUEUE_RETRY_BASE_MS,
    handle: (message) => processTicket(deps.processing, message.body),
    onGiveUp: (message, error) =>
      setTicketStatus(deps.db, message.body.ticketId, 'failed', { error }),
  })
}

/**
 * Stops the process on an uncaught exception, except one: postgres.js 3.4.x can throw from a
 * setImmediate when PostgreSQL drops a connection while a small write is buffered
 * (porsager/postgres#1154, #1208). The query was already rejected with CONNECTION_CLOSED, so
 * that error is logged and the process keeps serving (the reliability drill restarts PostgreSQL
 * under load). Both long-running entries (server, worker) install it.
 */
export function exitOnUncaughtException(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    const driverNullWrite =
      error instanceof TypeError &&
      /nextWrite[^\n]*postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
    if (driverNullWrite) {
      logger.warn('database connection lost mid-write; continuing', { error })
      return
    }
    logger.error('uncaught exception', { error, stack: error.stack })
    process.exit(1)
  })
}
