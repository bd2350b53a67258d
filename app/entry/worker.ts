import { bootDeps, createTicketWorker, exitOnUncaughtException, loadConfigOrExit } from './boot.ts'

/** The ticket worker alone (`npm run worker`), for when the API runs with WORKER_ENABLED=false. */
const config = loadConfigOrExit()
const deps = await bootDeps({ ...config, KB_SYNC_ON_START: false, SEED_ON_START: 'false' })
exitOnUncaughtException(deps.logger)
const worker = createTicketWorker(deps)
worker.start()
deps.logger.info('worker started', { database: deps.db.kind })

async function shutdown(signal: string) {
  deps.logger.info('worker stopping', { signal })
  await worker.stop()
  await deps.close()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown('SIGTERM'))
process.once('SIGINT', () => void shutdown('SIGINT'))
