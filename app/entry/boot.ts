import { type Config, ConfigError, loadConfig } from '../config.ts'
import { watchDocuments } from '../core/knowledge/watch-documents.ts'
import { createDeps, type Deps } from '../deps.ts'
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
