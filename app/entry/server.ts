import { serve } from '@hono/node-server'
import { startOutboxRelay } from '../core/tickets/outbox.ts'
import { createApp } from '../http/app.ts'
import { answerClientError } from '../http/client-error.ts'
import { bootDeps, createTicketWorker, loadConfigOrExit, startDocumentWatch } from './boot.ts'

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
/**
 * postgres.js 3.4.x can throw from a setImmediate when PostgreSQL drops a connection while a
 * small write is buffered (porsager/postgres#1154, #1208): the query was already rejected with
 * CONNECTION_CLOSED, so that one error is logged and the server keeps serving (the reliability
 * drill restarts PostgreSQL under load). Any other uncaught exception still stops the process.
 */
process.on('uncaughtException', (error) => {
  const driverNullWrite =
    error instanceof TypeError &&
    /nextWrite[^\n]*postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
  if (driverNullWrite) {
    deps.logger.warn('database connection lost mid-write; continuing', { error })
    return
  }
  deps.logger.error('uncaught exception', { error, stack: error.stack })
  process.exit(1)
})
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
