import type { SqlDatabase } from '../../ports/sql.ts'

export interface OpenTicket {
  id: string
  source: string
  external_ticket_id: string
  subject: string
  received_at: string
}

/**
 * The customer's other open tickets, newest first. "Open" is the customer 360's rule
 * (countOpenTickets in customers/build-context.ts): the helpdesk has not marked it solved,
 * closed or resolved.
 */
export async function listOpenTickets(
  db: SqlDatabase,
  customerExternalId: string,
  { excludeId, limit = 5 }: { excludeId: string; limit?: number },
): Promise<OpenTicket[]> {
  const rows = await db.query<Omit<OpenTicket, 'received_at'> & { received_at: Date | string }>(
    `SELECT id, source, external_ticket_id, subject, received_at FROM tickets
     WHERE customer_external_id = $1 AND id <> $2
       AND COALESCE(lower(metadata->>'status'), 'open') NOT IN ('solved', 'closed', 'resolved')
     ORDER BY received_at DESC, id LIMIT $3`,
    [customerExternalId, excludeId, limit],
  )
  return rows.map((row) => ({ ...row, received_at: new Date(row.received_at).toISOString() }))
}
