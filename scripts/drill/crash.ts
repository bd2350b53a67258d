import { setTimeout as sleep } from 'node:timers/promises'
import type { DrillDatabase } from './database.ts'
import { type DrillResult, expect, result } from './report.ts'
import { startServer } from './server.ts'
import {
  auditTickets,
  count,
  countHalfMade,
  drillTicket,
  emptyCounts,
  readyLogDuplicates,
} from './tickets.ts'

export interface CrashOptions {
  name: string
  database: DrillDatabase
  tickets: number
  /** Concurrent POSTs in flight. */
  concurrency?: number
  /** SIGKILL once this share of the tickets has been answered. */
  killAt?: number
  drainTimeoutMs?: number
}

const SERVER_ENV = { QUEUE_VISIBILITY_TIMEOUT_MS: '2000', LOG_LEVEL: 'info' }

/**
 * SIGKILL the server in the middle of a burst of concurrent POST /tickets, check nothing is
 * half-made, restart it on the same database, and check that every ticket answered 2xx ends
 * ready exactly once.
 */
export async function crashDrill(options: CrashOptions): Promise<DrillResult> {
  const { name, database, tickets, concurrency = 50, killAt = 0.4 } = options
  const started = performance.now()
  const prefix = `CRASH-${Date.now().toString(36)}-`
  const problems: string[] = []
  const env = { ...database.env, ...SERVER_ENV }
  const first = await startServer(`${name}: first`, env)
  const key = await database.apiKey()
  const counts = emptyCounts()
  const accepted = new Set<string>()
  let answered = 0
  let killing: Promise<void> | null = null
  let next = 0
  async function lane() {
    while (next < tickets) {
      const n = next++
      const status = await post(first.origin, key, drillTicket(`${prefix}${n}`, n), accepted)
      count(counts, status)
      if (status !== null) answered++
      if (!killing && answered >= tickets * killAt) killing = first.kill()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  await (killing ?? first.kill())

  // PGlite allows one process per directory: this runs while no server holds it.
  const halfMadeAtKill = await database.use((db) => countHalfMade(db, prefix))
  expect(problems, halfMadeAtKill === 0, `${halfMadeAtKill} tickets half-made after the kill`)
  const second = await startServer(`${name}: restarted`, env)
  const drained = await waitDrained(database, second.origin, key, prefix, tickets, options)
  expect(problems, drained, 'the queue did not drain after the restart')
  const exitCode = await second.stop()
  expect(problems, exitCode === 0, `the restarted server exited ${exitCode} on SIGTERM`)
  const audit = await database.use((db) => auditTickets(db, prefix, accepted))
  const logDuplicates = readyLogDuplicates(first.logs() + second.logs())
  const duplicates = audit.duplicates + logDuplicates
  expect(problems, audit.lost === 0, `${audit.lost} accepted tickets lost`)
  expect(problems, audit.notReady === 0, `${audit.notReady} accepted tickets not ready`)
  expect(problems, duplicates === 0, `${duplicates} tickets processed twice`)
  expect(problems, audit.halfMade === 0, `${audit.halfMade} tickets half-made at the end`)
  expect(problems, audit.queueLeft + audit.deadLetters === 0, 'messages left in the queue')
  expect(problems, counts['5xx'] === 0, `${counts['5xx']} answers were 5xx`)
  return result(name, started, counts, {
    tickets_lost: audit.lost + audit.notReady,
    duplicates,
    problems,
    details: {
      database: database.kind,
      tickets,
      concurrency,
      accepted: accepted.size,
      unanswered: counts.errors,
      half_made_at_kill: halfMadeAtKill,
      ...audit,
    },
  })
}

/** POSTs one ticket; resolves the status, or null when no answer came (server gone). */
async function post(origin: string, key: string, ticket: object, accepted: Set<string>) {
  try {
    const response = await fetch(`${origin}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(ticket),
    })
    const body = (await response.json()) as { ticket_id?: string }
    if (response.ok && body.ticket_id) accepted.add(body.ticket_id)
    return response.status
  } catch {
    return null
  }
}

/**
 * Waits until every drill ticket in the database is ready. PostgreSQL is asked directly; PGlite
 * belongs to the server, so its tickets are asked over HTTP (404 = never stored).
 */
async function waitDrained(
  database: DrillDatabase,
  origin: string,
  key: string,
  prefix: string,
  tickets: number,
  { drainTimeoutMs = 240_000 }: CrashOptions,
): Promise<boolean> {
  const deadline = Date.now() + drainTimeoutMs
  let pending = Array.from({ length: tickets }, (_, n) => `api:${prefix}${n}`)
  while (Date.now() < deadline) {
    if (database.kind === 'postgres') {
      const left = await database.use(async (db) => {
        const [row] = await db.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM tickets WHERE external_ticket_id LIKE $1 AND status <> 'ready'`,
          [`${prefix}%`],
        )
        return row?.n ?? 0
      })
      if (left === 0) return true
    } else {
      pending = await stillPending(origin, key, pending)
      if (pending.length === 0) return true
    }
    await sleep(2_000)
  }
  return false
}

/** Polls refs over HTTP until each is ready or absent (404), in queue order; false on timeout. */
export async function waitReadyOverHttp(
  origin: string,
  key: string,
  refs: string[],
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs
  let pending = refs
  while (Date.now() < deadline) {
    pending = await stillPending(origin, key, pending)
    if (pending.length === 0) return true
    await sleep(2_000)
  }
  return false
}

async function stillPending(origin: string, key: string, ids: string[]): Promise<string[]> {
  const left: string[] = []
  const statusOf = async (id: string) => {
    const response = await fetch(`${origin}/tickets/${id}/context`, {
      headers: { authorization: `Bearer ${key}` },
    })
    if (response.status === 404) return 'absent'
    return ((await response.json()) as { status?: string }).status ?? 'unknown'
  }
  // The first not-ready answer stops the round: the worker is still busy, ask again later.
  for (const id of ids) {
    const status = await statusOf(id)
    if (status !== 'ready' && status !== 'absent') {
      left.push(...ids.slice(ids.indexOf(id)))
      break
    }
  }
  return left
}
