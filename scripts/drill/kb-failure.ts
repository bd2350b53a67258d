import { setTimeout as sleep } from 'node:timers/promises'
import type { DrillDatabase } from './database.ts'
import { type DrillResult, expect, result } from './report.ts'
import { startServer } from './server.ts'
import { count, drillTicket, emptyCounts } from './tickets.ts'

const TICKETS = 10

/**
 * The knowledge base fails for real: its version table is renamed away on PostgreSQL (every
 * retrieval then errors), later restored. Ticket contexts must stay 200 with
 * `degraded: ["knowledge_base"]`, the circuit breaker must open, and close once it is back.
 */
export async function knowledgeBaseDrill({
  database,
  faultMs = 15_000,
}: {
  database: DrillDatabase
  faultMs?: number
}): Promise<DrillResult> {
  if (database.kind !== 'postgres') throw new Error('the knowledge-base drill needs PostgreSQL')
  const started = performance.now()
  const name = 'knowledge base failing'
  const prefix = `KB-${Date.now().toString(36)}-`
  const problems: string[] = []
  // No worker: every read builds the context on demand, through the breaker.
  const server = await startServer(name, { ...database.env, WORKER_ENABLED: 'false' })
  const key = await database.apiKey()
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  await waitForSync(server.origin, headers)
  for (let n = 0; n < TICKETS; n++) {
    await fetch(`${server.origin}/tickets`, {
      method: 'POST',
      headers,
      body: JSON.stringify(drillTicket(`${prefix}${n}`, n)),
    })
  }
  const counts = emptyCounts()
  const tally = { healthy: 0, degraded: 0, other: 0 }
  let n = 0
  async function read(): Promise<'healthy' | 'degraded' | 'other'> {
    const response = await fetch(`${server.origin}/tickets/api:${prefix}${n++ % TICKETS}/context`, {
      headers,
    }).catch(() => null)
    count(counts, response?.status ?? null)
    const body = (await response?.json().catch(() => null)) as { degraded?: string[] } | null
    const kind =
      response?.status !== 200
        ? 'other'
        : body?.degraded?.includes('knowledge_base')
          ? 'degraded'
          : 'healthy'
    tally[kind]++
    return kind
  }
  for (let i = 0; i < 10; i++)
    expect(problems, (await read()) === 'healthy', 'degraded before the fault')

  await database.use((db) => db.query('ALTER TABLE kb_state RENAME TO kb_state_drill_broken'))
  const faultEnds = Date.now() + faultMs
  let degradedWhileBroken = 0
  while (Date.now() < faultEnds) {
    if ((await read()) === 'degraded') degradedWhileBroken++
    await sleep(100)
  }
  const opened = server.logs().includes('"message":"circuit opened","dependency":"knowledge_base"')
  await database.use((db) => db.query('ALTER TABLE kb_state_drill_broken RENAME TO kb_state'))
  const restored = performance.now()
  let recoveredMs: number | null = null
  while (performance.now() - restored < 45_000) {
    if ((await read()) === 'healthy') {
      recoveredMs = Math.round(performance.now() - restored)
      break
    }
    await sleep(250)
  }
  await sleep(200)
  const closed = server.logs().includes('"message":"circuit closed","dependency":"knowledge_base"')
  expect(problems, counts['5xx'] + counts.errors === 0, 'context reads failed instead of degrading')
  expect(problems, tally.other === 0, `${tally.other} context reads were not 200`)
  expect(problems, degradedWhileBroken > 0, 'no context came back degraded while the KB failed')
  expect(problems, opened, 'the knowledge_base circuit never opened')
  expect(problems, recoveredMs !== null, 'contexts were still degraded 45 s after the KB was back')
  expect(problems, closed, 'the knowledge_base circuit never closed')
  const exitCode = await server.stop()
  expect(problems, exitCode === 0, `the server exited ${exitCode} on SIGTERM`)
  return result(name, started, counts, {
    problems,
    details: {
      fault: 'kb_state renamed on PostgreSQL (every retrieval errors)',
      fault_seconds: faultMs / 1000,
      answers: tally,
      degraded_while_broken: degradedWhileBroken,
      breaker_opened: opened,
      breaker_closed: closed,
      healthy_again_after_restore_ms: recoveredMs,
    },
  })
}

/** The start-up sync fills the knowledge base; the drill starts from a healthy one. */
async function waitForSync(origin: string, headers: Record<string, string>) {
  for (let i = 0; i < 120; i++) {
    const syncs = (await (await fetch(`${origin}/kb/syncs?limit=1`, { headers })).json()) as {
      status: string
    }[]
    if (syncs[0] && ['SUCCEEDED', 'PARTIAL', 'FAILED'].includes(syncs[0].status)) return
    await sleep(500)
  }
  throw new Error('the start-up knowledge-base sync did not finish')
}
