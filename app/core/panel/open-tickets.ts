import type { SqlDatabase } from '../../ports/sql.ts'
import { OPEN_TICKET_CONDITION } from '../tickets/open-ticket.ts'

export interface OpenTicket {
  id: string
  source: string
  external_ticket_id: string
  subject: string
  received_at: string
}

/**
 * The customer's other open tickets, newest first, by the same rule the customer 360 counts
 * (OPEN_TICKET_CONDITION).
 */
export async function listOpenTickets(
  db: SqlDatabase,
  customerExternalId: string,
  { excludeId, limit = 5 }: { excludeId: string; limit?: number },
): Promise<OpenTicket[]> {
  const rows = await db.query<Omit<OpenTicket, 'received_at'> & { received_at: Date | string }>(
    `SELECT id, source, external_ticket_id, subject, received_at FROM tickets
     WHERE customer_external_id = $1 AND id <> $2 AND ${OPEN_TICKET_CONDITION}
     ORDER BY received_at DESC, id LIMIT $3`,
    [customerExternalId, excludeId, limit],
  )
  return rows.map((row) => ({ ...row, received_at: new Date(row.received_at).toISOString() }))
}
