import type { SqlExecutor, SqlStatement } from '../../ports/sql.ts'
import type { TicketRequest } from './ticket-request.ts'
import type { Ticket, TicketContext, TicketStatus } from './types.ts'

interface TicketRow {
  id: string
  source: TicketRequest['source']
  external_ticket_id: string
  customer_external_id: string
  customer_email: string | null
  subject: string
  description: string
  channel: TicketRequest['channel']
  priority: TicketRequest['priority']
  metadata: Record<string, unknown>
  source_created_at: Date
  source_updated_at: Date | null
  content_hash: string
  status: TicketStatus
  context: TicketContext | null
  last_error: string | null
  processing_time_ms: number | null
  correlation_id: string
  received_at: Date
  updated_at: Date
  row_version: string
}

/**
 * Every column, and the row's version: PostgreSQL's `xmin`, the transaction that wrote this
 * version of the row, which every UPDATE changes (PGlite's clock ticks in whole milliseconds,
 * so `updated_at` alone could miss a second write within one).
 */
const COLUMNS = '*, xmin::text AS row_version'
const SELECT = `SELECT ${COLUMNS} FROM tickets`

export async function findTicket(db: SqlExecutor, id: string): Promise<Ticket | null> {
  const [row] = await db.query<TicketRow>(`${SELECT} WHERE id = $1`, [id])
  return row ? toTicket(row) : null
}

export async function findTicketByExternalId(
  db: SqlExecutor,
  source: string,
  externalId: string,
  { forUpdate = false } = {},
): Promise<Ticket | null> {
  const lock = forUpdate ? ' FOR UPDATE' : ''
  const [row] = await db.query<TicketRow>(
    `${SELECT} WHERE source = $1 AND external_ticket_id = $2${lock}`,
    [source, externalId],
  )
  return row ? toTicket(row) : null
}

/**
 * The row versions of those of the tickets `ids` that are still ready, by id: a ticket read
 * earlier with the same version is unchanged, one missing or with another version is not.
 */
export async function readyRowVersions(
  db: SqlExecutor,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.query<{ id: string; row_version: string }>(
    `SELECT id, xmin::text AS row_version FROM tickets WHERE id = ANY($1::text[]) AND status = 'ready'`,
    [ids],
  )
  return new Map(rows.map((row) => [row.id, row.row_version]))
}

export type NewTicket = {
  id: string
  request: TicketRequest
  contentHash: string
  correlationId: string
}

/**
 * The INSERT of a new ticket, unless (source, external id) exists: returns the row, or no row
 * when another request won. A statement of its own, or a CTE another statement builds on.
 */
function insertStatement(ticket: NewTicket): SqlStatement {
  return {
    text: `INSERT INTO tickets (id, source, external_ticket_id, customer_external_id, customer_email, subject,
       description, channel, priority, metadata, source_created_at, source_updated_at, content_hash,
       status, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'received', $14)
     ON CONFLICT (source, external_ticket_id) DO NOTHING RETURNING ${COLUMNS}`,
    params: [
      ticket.id,
      ...requestColumns(ticket.request),
      ticket.contentHash,
      ticket.correlationId,
    ],
  }
}

/** Inserts unless (source, external id) exists; resolves null when another request won. */
export async function insertTicket(db: SqlExecutor, ticket: NewTicket): Promise<Ticket | null> {
  const { text, params } = insertStatement(ticket)
  const [row] = await db.query<TicketRow>(text, params)
  return row ? toTicket(row) : null
}

/**
 * Inserts a new ticket and, in the same statement, whatever `alongside` writes for each row the
 * insert made (given the name of the insert's CTE and the number of its own first parameter).
 * One statement is one transaction and one round trip: both rows or neither.
 */
export async function insertTicketWith(
  db: SqlExecutor,
  ticket: NewTicket,
  alongside: (source: string, nextParam: number) => SqlStatement,
): Promise<Ticket | null> {
  const insert = insertStatement(ticket)
  const other = alongside('inserted', insert.params.length + 1)
  const [row] = await db.query<TicketRow>(
    `WITH inserted AS (${insert.text}), alongside AS (${other.text}) SELECT * FROM inserted`,
    [...insert.params, ...other.params],
  )
  return row ? toTicket(row) : null
}

/** A later delivery of the same helpdesk ticket: new content, back to received. */
export async function updateTicketContent(
  db: SqlExecutor,
  id: string,
  request: TicketRequest,
  contentHash: string,
  correlationId: string,
): Promise<Ticket> {
  const [row] = await db.query<TicketRow>(
    `UPDATE tickets SET source = $2, external_ticket_id = $3, customer_external_id = $4,
       customer_email = $5, subject = $6, description = $7, channel = $8, priority = $9, metadata = $10,
       source_created_at = $11, source_updated_at = $12, content_hash = $13, status = 'received',
       last_error = NULL, correlation_id = $14, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...requestColumns(request), contentHash, correlationId],
  )
  if (!row) throw new Error(`ticket ${id} vanished during update`)
  return toTicket(row)
}

export async function setTicketStatus(
  db: SqlExecutor,
  id: string,
  status: TicketStatus,
  { error = null as string | null } = {},
): Promise<void> {
  await db.query(
    'UPDATE tickets SET status = $2, last_error = $3, updated_at = now() WHERE id = $1',
    [id, status, error],
  )
}

/**
 * Stores a built context and marks the ticket ready, only if its content is still the one the
 * context was built from. Resolves false when it changed meanwhile (a newer message will follow)
 * or when it was ready already (a redelivery): `ready` happens exactly once per content.
 */
export async function completeTicket(
  db: SqlExecutor,
  id: string,
  contentHash: string,
  context: TicketContext,
  processingTimeMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE tickets SET status = 'ready', context = $3, processing_time_ms = $4, last_error = NULL,
       updated_at = now()
     WHERE id = $1 AND content_hash = $2 AND status <> 'ready' RETURNING id`,
    [id, contentHash, context, processingTimeMs],
  )
  return rows.length > 0
}

function requestColumns(request: TicketRequest) {
  return [
    request.source,
    request.external_ticket_id,
    request.customer_external_id,
    request.customer_email ?? null,
    request.subject,
    request.description,
    request.channel,
    request.priority,
    request.metadata,
    request.created_at,
    request.updated_at ?? null,
  ]
}

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    request: {
      source: row.source,
      external_ticket_id: row.external_ticket_id,
      customer_external_id: row.customer_external_id,
      ...(row.customer_email ? { customer_email: row.customer_email } : {}),
      subject: row.subject,
      description: row.description,
      channel: row.channel,
      priority: row.priority,
      metadata: row.metadata,
      created_at: row.source_created_at.toISOString(),
      ...(row.source_updated_at ? { updated_at: row.source_updated_at.toISOString() } : {}),
    },
    contentHash: row.content_hash,
    status: row.status,
    context: row.context,
    lastError: row.last_error,
    processingTimeMs: row.processing_time_ms,
    correlationId: row.correlation_id,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}
