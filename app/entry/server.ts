import { serve } from '@hono/node-server'
import { createApp } from '../http/app.ts'
import { bootDeps, createTicketWorker, loadConfigOrExit, startDocumentWatch } from './boot.ts'

/** The long-running Node server: `npm start`. */
const config = loadConfigOrExit()
const deps = await bootDeps(config)
const app = createApp(deps)
const stopWatching = startDocumentWatch(deps)
const worker = config.WORKER_ENABLED ? createTicketWorker(deps) : null
worker?.start()

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  deps.logger.info('listening', { port: info.port, database: deps.db.kind })
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  deps.logger.info('shutting down', { signal })
  stopWatching()
  server.close()
  await worker?.stop()
  await deps.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
