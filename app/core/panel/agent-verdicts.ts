import type { SqlDatabase } from '../../ports/sql.ts'
import type { Verdict } from '../tickets/feedback.ts'

/** The verdicts this agent already gave on the ticket's suggestions, by chunk id. */
export async function agentVerdicts(
  db: SqlDatabase,
  ticketId: string,
  agentId: string,
): Promise<Map<string, Verdict>> {
  const rows = await db.query<{ chunk_id: string; verdict: Verdict }>(
    'SELECT chunk_id, verdict FROM ticket_feedback WHERE ticket_id = $1 AND agent_id = $2',
    [ticketId, agentId],
  )
  return new Map(rows.map((row) => [row.chunk_id, row.verdict]))
}
