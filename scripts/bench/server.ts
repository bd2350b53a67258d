/**
 * The bench server: the real app (bootDeps + createApp, configured by the environment like
 * `npm start`) beside a Hono app of bench-only routes, each request sent to one of them by its
 * path, so the baselines run on the same server, in the same process, as the product routes.
 * Not a product entry point.
 * Started by server-process.ts as a child with an IPC channel; it reports `{ port, apiKey }`
 * there once it listens and the knowledge base is synced.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApiKey } from '../../app/core/auth/api-keys.ts'
import { hashContent } from '../../app/core/tickets/intake.ts'
import type { TicketRequest } from '../../app/core/tickets/ticket-request.ts'
import { insertTicket } from '../../app/core/tickets/ticket-store.ts'
import type { Worker } from '../../app/core/tickets/worker.ts'
import { bootDeps, createTicketWorker, loadConfigOrExit } from '../../app/entry/boot.ts'
import { createApp } from '../../app/http/app.ts'

const config = loadConfigOrExit()
const deps = await bootDeps(config)
await deps.syncRunner.idle()
// One retrieval builds the in-memory search index, so the first measured request does not.
await deps.knowledgeBase.retrieve('warm up')
// Limits far above any load the bench makes: the rate limiter stays in the path, never trips.
const { key } = await createApiKey(deps.db, {
  name: `bench-${randomBytes(4).toString('hex')}`,
  ratePerMinute: 100_000_000,
  burst: 10_000_000,
})

let worker: Worker | null = null
const bench = new Hono()
  // The floor of this server: routing and a JSON answer, no middleware, no database.
  .get('/__bare', (c) => c.json({ ok: true }))
  // The intake baseline: the same ticket row, one plain INSERT, no validation, auth or outbox.
  .post('/__insert', async (c) => {
    const request = (await c.req.json()) as TicketRequest
    const ticket = await insertTicket(deps.db, {
      id: `tkt_${randomUUID()}`,
      request,
      contentHash: hashContent(request),
      correlationId: randomUUID(),
    })
    return c.json({ ticket_id: ticket?.id ?? null }, 202)
  })
  .post('/__worker/start', (c) => {
    worker ??= createTicketWorker(deps)
    worker.start()
    return c.json({ running: true })
  })
  .post('/__worker/stop', async (c) => {
    await worker?.stop()
    return c.json({ running: false })
  })
  // How many of the tickets whose external id starts with `prefix` are in each status.
  .get('/__tickets', async (c) => {
    const rows = await deps.db.query<{ status: string; n: number }>(
      `SELECT status, COUNT(*)::int AS n FROM tickets WHERE external_ticket_id LIKE $1 || '%'
       GROUP BY status`,
      [c.req.query('prefix') ?? ''],
    )
    return c.json(Object.fromEntries(rows.map((row) => [row.status, row.n])))
  })
  // maxRSS is the peak resident set of this process so far (kilobytes on Linux).
  .get('/__memory', (c) =>
    c.json({
      rss_bytes: process.memoryUsage().rss,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    }),
  )

// The app as `npm start` serves it (its own fetch, its own error handler), plus one route after
// all of its middleware a GET meets (correlation id, API key, rate limit, request log):
// `/__authenticated`, the floor of any authenticated route, with no database work of its own.
const app = createApp(deps).get('/__authenticated', (c) => c.json({ ok: true }))
// Each request goes to one of the two apps by its path. Mounting the app in the bench app (its
// `.route()`, or a not-found handler calling it) would run a second dispatch, or wrap each of its
// middleware in another error-handling layer, that production never runs.
const benchPaths = new Set(bench.routes.map((route) => route.path))
const fetch = (request: Request, env: unknown) =>
  benchPaths.has(pathOf(request.url)) ? bench.fetch(request, env) : app.fetch(request, env)

/** The path of an absolute URL, without its query. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  const query = url.indexOf('?', start)
  return url.slice(start, query < 0 ? undefined : query)
}

const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port, apiKey: key })
})

async function shutdown(): Promise<void> {
  server.close()
  await worker?.stop()
  await deps.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown())
process.on('disconnect', () => void shutdown())
