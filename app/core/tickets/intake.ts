import { createHash, randomUUID } from 'node:crypto'
import type { Logger } from '../../observability/logger.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import type { TicketQueue } from '../../ports/ticket-queue.ts'
import { enqueueWithTicket, insertTicketWithMessage, relayOutbox } from './outbox.ts'
import type { ReadyContextCache } from './ready-context-cache.ts'
import type { TicketRequest } from './ticket-request.ts'
import { findTicketByExternalId, updateTicketContent } from './ticket-store.ts'
import type { Ticket } from './types.ts'

/**
 * created: new ticket, queued. updated: changed content, re-queued once. duplicate: the same
 * content again (a retried webhook): nothing queued. stale: older than what we hold: ignored.
 */
export type IntakeOutcome = 'created' | 'updated' | 'duplicate' | 'stale'

export interface IntakeResult {
  ticket: Ticket
  outcome: IntakeOutcome
}

/**
 * Makes a ticket and its queue message durable together (the outbox) before anyone
 * answers 202; a queue outside the database then gets the message relayed. Idempotent on
 * (source, external_ticket_id): concurrent identical deliveries produce one ticket, the losers
 * of the insert race see it as a duplicate.
 */
export async function intakeTicket(
  deps: {
    db: SqlDatabase
    queue: TicketQueue
    logger?: Logger
    readyContexts?: ReadyContextCache
  },
  request: TicketRequest,
  correlationId: string,
): Promise<IntakeResult> {
  const result = await storeTicket(deps, request, correlationId)
  const queued = result.outcome === 'created' || result.outcome === 'updated'
  if (queued) deps.readyContexts?.forget(result.ticket)
  if (queued && !deps.queue.joinsTransactions) {
    // The ticket and its staged message are committed: a failed relay here only delays the
    // work until the periodic relay (startOutboxRelay) sends it.
    await relayOutbox(deps).catch((error) =>
      deps.logger?.warn('outbox relay failed; will retry', { error }),
    )
  }
  return result
}

async function storeTicket(
  deps: { db: SqlDatabase; queue: TicketQueue },
  request: TicketRequest,
  correlationId: string,
): Promise<IntakeResult> {
  const contentHash = hashContent(request)
  const id = `tkt_${randomUUID()}`
  // The common case, a new ticket, in one statement; a known one in a transaction that locks it.
  const created = await insertTicketWithMessage(
    deps.db,
    deps.queue,
    { id, request, contentHash, correlationId },
    { ticketId: id, correlationId },
  )
  if (created) return { ticket: created, outcome: 'created' }
  return deps.db.transaction(async (tx) => {
    const existing = await findTicketByExternalId(tx, request.source, request.external_ticket_id, {
      forUpdate: true,
    })
    if (!existing) throw new Error('ticket conflict without a row')
    if (existing.contentHash === contentHash) return { ticket: existing, outcome: 'duplicate' }
    if (isOlder(request, existing)) return { ticket: existing, outcome: 'stale' }
    const updated = await updateTicketContent(tx, existing.id, request, contentHash, correlationId)
    await enqueueWithTicket(tx, deps.queue, { ticketId: updated.id, correlationId })
    return { ticket: updated, outcome: 'updated' }
  })
}

function isOlder(request: TicketRequest, existing: Ticket): boolean {
  const incoming = Date.parse(request.updated_at ?? request.created_at)
  const held = Date.parse(existing.request.updated_at ?? existing.request.created_at)
  return incoming < held
}

/** The fingerprint of what the agent sees; `updated_at` alone changing is not new content. */
export function hashContent(request: TicketRequest): string {
  const { updated_at: _ignored, ...content } = request
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
