import { setTimeout as sleep } from 'node:timers/promises'
import type { DrillDatabase } from './database.ts'
import type { OwnPostgres } from './postgres.ts'
import { type DrillResult, expect, expectAcceptedReadyOnce, result } from './report.ts'
import { startServer } from './server.ts'
import { auditTickets, count, drillTicket, emptyCounts, readyLogDuplicates } from './tickets.ts'

type Phase = 'before' | 'down' | 'after'

interface Answer {
  /** The phase the request was sent in (its answer may come later). */
  phase: Phase
  status: number | null
  code?: string
  ms: number
  sentAt: number
}

/**
 * PostgreSQL crashes (`pg_ctl stop -m immediate`) and comes back while intake is under load: while
 * it is down intake answers 503 (never 202 for what it could not store) and /health 503; once it
 * is back intake recovers without a restart of our server, and every 2xx ticket ends ready.
 */
export async function postgresRestartDrill({
  postgres,
  database,
  phaseMs = 8_000,
}: {
  postgres: OwnPostgres
  database: DrillDatabase
  phaseMs?: number
}): Promise<DrillResult> {
  const started = performance.now()
  const name = 'postgres restarted under load'
  const prefix = `PGR-${Date.now().toString(36)}-`
  const problems: string[] = []
  const server = await startServer(name, {
    ...database.env,
    QUEUE_VISIBILITY_TIMEOUT_MS: '2000',
    QUEUE_RETRY_BASE_MS: '200',
  })
  const key = await database.apiKey()
  const counts = emptyCounts()
  const accepted = new Set<string>()
  const answers: Answer[] = []
  const health: Record<Phase, number[]> = { before: [], down: [], after: [] }
  let phase: Phase = 'before'
  let next = 0
  let running = true
  async function lane() {
    while (running) {
      const n = next++
      const [sentIn, sentAt] = [phase, performance.now()]
      const answer = await post(server.origin, key, drillTicket(`${prefix}${n}`, n), accepted)
      answers.push({ phase: sentIn, sentAt, ms: Math.round(performance.now() - sentAt), ...answer })
      count(counts, answer.status)
      await sleep(40)
    }
  }
  async function probeHealth() {
    while (running) {
      const status = await fetch(`${server.origin}/health`).then(
        (r) => r.status,
        () => 0,
      )
      health[phase].push(status)
      await sleep(500)
    }
  }
  const lanes = [...Array.from({ length: 4 }, lane), probeHealth()]
  await sleep(phaseMs)
  postgres.crash()
  phase = 'down'
  await sleep(phaseMs)
  postgres.start()
  phase = 'after'
  const recovered = performance.now()
  await sleep(phaseMs * 1.5)
  running = false
  await Promise.all(lanes)

  const during = answers.filter((a) => a.phase === 'down')
  const after = answers.filter((a) => a.phase === 'after')
  // Requests sent in the last phaseMs/2 (well after PostgreSQL is back) must all be accepted.
  const tail = after.filter((a) => a.sentAt > recovered + phaseMs)
  const wrongDown = during.filter((a) => a.status !== null && a.status >= 500 && a.status !== 503)
  expect(problems, during.length > 0, 'no requests were sent while PostgreSQL was down')
  expect(problems, wrongDown.length === 0, `${wrongDown.length} answers other than 503 while down`)
  expect(
    problems,
    during.filter((a) => a.status === 503).every((a) => a.code === 'upstream_unavailable'),
    '503 without upstream_unavailable',
  )
  expect(
    problems,
    health.down.includes(503),
    '/health did not answer 503 while PostgreSQL was down',
  )
  expect(problems, tail.length > 0 && tail.every((a) => a.status === 202), 'intake did not recover')
  expect(problems, health.after.includes(200), '/health did not recover')
  expect(problems, server.child.exitCode === null, 'our server died')
  const drained = await waitReady(database, prefix)
  expect(problems, drained, 'accepted tickets were not all ready within 60 s of recovery')
  const exitCode = await server.stop()
  expect(problems, exitCode === 0, `the server exited ${exitCode} on SIGTERM`)
  const audit = await database.use((db) => auditTickets(db, prefix, accepted))
  const duplicates = audit.duplicates + readyLogDuplicates(server.logs())
  expectAcceptedReadyOnce(problems, audit, duplicates)
  // 503 while PostgreSQL is down is the answer the drill asks for: reported apart from 5xx.
  const expected503 = during.filter((a) => a.status === 503).length
  counts['5xx'] -= expected503
  const byPhase = (p: Phase) => tallyStatuses(answers.filter((a) => a.phase === p))
  return result(name, started, counts, {
    tickets_lost: audit.lost + audit.notReady,
    duplicates,
    problems,
    details: {
      accepted: accepted.size,
      expected_503_while_down: expected503,
      answers_before: byPhase('before'),
      answers_while_down: byPhase('down'),
      answers_after: byPhase('after'),
      health_while_down: [...new Set(health.down)],
      health_after: [...new Set(health.after)],
      slowest_answer_while_down_ms: Math.max(0, ...during.map((a) => a.ms)),
      first_202_after_restart_ms: firstAccepted(after, recovered),
      ...audit,
    },
  })
}

function firstAccepted(after: Answer[], recovered: number): number | null {
  const first = after.find((a) => a.status === 202)
  return first ? Math.round(first.sentAt + first.ms - recovered) : null
}

function tallyStatuses(answers: Answer[]): Record<string, number> {
  const tally: Record<string, number> = {}
  for (const a of answers)
    tally[String(a.status ?? 'no answer')] = (tally[String(a.status ?? 'no answer')] ?? 0) + 1
  return tally
}

async function post(origin: string, key: string, ticket: object, accepted: Set<string>) {
  try {
    const response = await fetch(`${origin}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(ticket),
      signal: AbortSignal.timeout(15_000),
    })
    const body = (await response.json()) as { ticket_id?: string; error?: { code: string } }
    if (response.ok && body.ticket_id) accepted.add(body.ticket_id)
    return { status: response.status, code: body.error?.code }
  } catch {
    return { status: null }
  }
}

async function waitReady(database: DrillDatabase, prefix: string): Promise<boolean> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const [row] = await database.use((db) =>
      db.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM tickets WHERE external_ticket_id LIKE $1 AND status <> 'ready'`,
        [`${prefix}%`],
      ),
    )
    if (row?.n === 0) return true
    await sleep(1_000)
  }
  return false
}
