import autocannon from 'autocannon'
import { waitReadyOverHttp } from './crash.ts'
import type { DrillDatabase } from './database.ts'
import { type DrillResult, expect, expectAcceptedReadyOnce, result } from './report.ts'
import { startServer } from './server.ts'
import {
  auditTickets,
  type Counts,
  drillTicket,
  emptyCounts,
  readyLogDuplicates,
} from './tickets.ts'

const PRECREATED = 20

/**
 * A fixed rate held for `seconds` on intake (unique tickets) and on context reads, half each:
 * zero errors, zero 5xx, and every ticket answered 202 exists and ends ready exactly once.
 */
export async function loadDrill({
  database,
  seconds,
  rate = 50,
}: {
  database: DrillDatabase
  seconds: number
  rate?: number
}): Promise<DrillResult> {
  const started = performance.now()
  const name = 'load held'
  const prefix = `LOAD-${Date.now().toString(36)}-`
  const problems: string[] = []
  const server = await startServer(name, { ...database.env, LOG_LEVEL: 'info' })
  const key = await database.apiKey()
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  for (let n = 0; n < PRECREATED; n++) {
    await fetch(`${server.origin}/tickets`, {
      method: 'POST',
      headers,
      body: JSON.stringify(drillTicket(`${prefix}pre-${n}`, n)),
    })
  }
  const accepted = new Set<string>()
  let sent = 0
  let read = 0
  const common = {
    url: server.origin,
    connections: 10,
    overallRate: rate / 2,
    duration: seconds,
    headers,
  }
  const [intake, context] = await Promise.all([
    autocannon({
      ...common,
      requests: [
        {
          method: 'POST',
          path: '/tickets',
          setupRequest: (request) => {
            const n = sent++
            return { ...request, body: JSON.stringify(drillTicket(`${prefix}${n}`, n)) }
          },
          onResponse: (status, body) => {
            if (status === 202) accepted.add((JSON.parse(body) as { ticket_id: string }).ticket_id)
          },
        },
      ],
    }),
    autocannon({
      ...common,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/tickets/api:${prefix}pre-${read++ % PRECREATED}/context`,
          }),
        },
      ],
    }),
  ])
  const counts = merge(intake, context)
  expect(problems, counts.errors === 0, `${counts.errors} requests without an answer`)
  expect(problems, counts['4xx'] + counts['5xx'] === 0, 'non-2xx answers under load')
  const drained = await waitReadyOverHttp(server.origin, key, [...accepted], 180_000)
  expect(problems, drained, 'accepted tickets did not all become ready')
  const exitCode = await server.stop()
  expect(problems, exitCode === 0, `the server exited ${exitCode} on SIGTERM`)
  const audit = await database.use((db) => auditTickets(db, prefix, accepted))
  const duplicates = audit.duplicates + readyLogDuplicates(server.logs())
  expectAcceptedReadyOnce(problems, audit, duplicates)
  return result(name, started, counts, {
    tickets_lost: audit.lost + audit.notReady,
    duplicates,
    problems,
    details: {
      database: database.kind,
      rate_per_s: rate,
      seconds,
      intake: summary(intake),
      context: summary(context),
      accepted: accepted.size,
      ...audit,
    },
  })
}

function merge(...results: autocannon.Result[]): Counts {
  const counts = emptyCounts()
  for (const r of results) {
    counts.requests += r.requests.total
    counts['2xx'] += r['2xx']
    counts['4xx'] += r['4xx']
    counts['5xx'] += r['5xx']
    counts.errors += r.errors + r.timeouts
  }
  return counts
}

const summary = (r: autocannon.Result) => ({
  requests: r.requests.total,
  req_per_s: r.requests.average,
  latency_p50_ms: r.latency.p50,
  latency_p99_ms: r.latency.p99,
  non_2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
})
