import { serve } from '@hono/node-server'
import { startOutboxRelay } from '../core/tickets/outbox.ts'
import { createApp } from '../http/app.ts'
import { answerClientError } from '../http/client-error.ts'
import {
  bootDeps,
  createTicketWorker,
  exitOnUncaughtException,
  loadConfigOrExit,
  startDocumentWatch,
} from './boot.ts'

/** The long-running Node server: `npm start`. */
const config = loadConfigOrExit()
const deps = await bootDeps(config)
const app = createApp(deps)
const stopWatching = startDocumentWatch(deps)
const worker = config.WORKER_ENABLED ? createTicketWorker(deps) : null
// Only a queue outside the database needs the outbox relayed (the SQL queue is its own outbox).
const stopRelay = deps.queue.joinsTransactions ? () => {} : startOutboxRelay(deps)
worker?.start()

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  deps.logger.info('listening', { port: info.port, database: deps.db.kind })
})
server.on('clientError', answerClientError)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  deps.logger.info('shutting down', { signal })
  stopWatching()
  stopRelay()
  server.close()
  await worker?.stop()
  await deps.close()
  process.exit(0)
}
exitOnUncaughtException(deps.logger)
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
