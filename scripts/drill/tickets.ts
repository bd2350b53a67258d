import { readFileSync } from 'node:fs'
import type { SqlExecutor } from '../../app/ports/sql.ts'
import { generateSampleData } from '../../app/seed/sample-data.ts'

/** The seeded customers (deterministic): drill tickets carry their emails and names on purpose. */
export const SEEDED = generateSampleData().customers

/**
 * A generic ticket for seeded customer n, with its email and name in the body, so that a log line
 * that ever echoed ticket content would fail the personal-data scan.
 */
export function drillTicket(externalId: string, n: number) {
  const customer = SEEDED[n % SEEDED.length] ?? SEEDED[0]
  return {
    external_ticket_id: externalId,
    customer_external_id: customer?.externalId ?? 'CUST-00001',
    customer_email: customer?.email,
    subject: 'I forgot my password and cannot sign in',
    description: `Hello, this is ${customer?.name}. The reset email never arrives, please help.`,
    channel: 'email',
    priority: 'normal',
    metadata: { drill: true },
    created_at: new Date(Date.UTC(2026, 0, 1) + n * 1_000).toISOString(),
  }
}

export interface Counts {
  requests: number
  '2xx': number
  '4xx': number
  '5xx': number
  /** Requests without an HTTP answer (connection refused or reset, timeouts). */
  errors: number
}

export const emptyCounts = (): Counts => ({ requests: 0, '2xx': 0, '4xx': 0, '5xx': 0, errors: 0 })

export function count(counts: Counts, status: number | null): void {
  counts.requests++
  if (status === null) counts.errors++
  else if (status >= 500) counts['5xx']++
  else if (status >= 400) counts['4xx']++
  else if (status >= 200 && status < 300) counts['2xx']++
}

export function readApiKey(file: string): string {
  return readFileSync(file, 'utf8').trim()
}

export interface TicketAudit {
  /** Tickets that got a 2xx and are not in the database. */
  lost: number
  /** Of those that got a 2xx, how many are not `ready`. */
  notReady: number
  /** Tickets of the drill with more than one interaction recorded (processed twice). */
  duplicates: number
  /** Tickets of the drill in the database (answered or not). */
  stored: number
  /** Tickets not ready without a queue message, and queue messages without a ticket. */
  halfMade: number
  queueLeft: number
  deadLetters: number
}

/**
 * What the database says about the drill's tickets (`source` api, external ids starting with
 * `prefix`) against the ids that were answered 2xx.
 */
export async function auditTickets(
  db: SqlExecutor,
  prefix: string,
  accepted: Set<string>,
): Promise<TicketAudit> {
  const rows = await db.query<{ id: string; status: string }>(
    `SELECT id, status FROM tickets WHERE source = 'api' AND external_ticket_id LIKE $1`,
    [`${prefix}%`],
  )
  const byId = new Map(rows.map((row) => [row.id, row.status]))
  const lost = [...accepted].filter((id) => !byId.has(id)).length
  const notReady = [...accepted].filter((id) => byId.has(id) && byId.get(id) !== 'ready').length
  const [duplicates] = await db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM (SELECT split_part(ref, ':', 2) FROM interactions
       WHERE ref LIKE 'ticket:%' AND summary LIKE $1 GROUP BY 1 HAVING COUNT(*) > 1) d`,
    [`Ticket api/${prefix}%`],
  )
  const halfMade = await countHalfMade(db, prefix)
  const [queue] = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM queue_messages')
  const [dead] = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM queue_dead_letters')
  return {
    lost,
    notReady,
    duplicates: duplicates?.n ?? 0,
    stored: rows.length,
    halfMade,
    queueLeft: queue?.n ?? 0,
    deadLetters: dead?.n ?? 0,
  }
}

/** A ticket still to process must have its message, and every message its ticket. */
export async function countHalfMade(db: SqlExecutor, prefix: string): Promise<number> {
  const [orphans] = await db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM tickets t
     WHERE t.source = 'api' AND t.external_ticket_id LIKE $1 AND t.status <> 'ready'
       AND NOT EXISTS (SELECT 1 FROM queue_messages q WHERE q.body->>'ticketId' = t.id)
       AND NOT EXISTS (SELECT 1 FROM queue_dead_letters d WHERE d.body->>'ticketId' = t.id)`,
    [`${prefix}%`],
  )
  const [strays] = await db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM queue_messages q
     WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = q.body->>'ticketId')`,
  )
  return (orphans?.n ?? 0) + (strays?.n ?? 0)
}

/** How many `ticket ready` lines each ticket id has in the logs: more than one is a double run. */
export function readyLogDuplicates(logs: string): number {
  const seen = new Map<string, number>()
  for (const [, id = ''] of logs.matchAll(/"message":"ticket ready","ticket_id":"([^"]+)"/g))
    seen.set(id, (seen.get(id) ?? 0) + 1)
  return [...seen.values()].filter((n) => n > 1).length
}
