import type { SqlDatabase } from '../../ports/sql.ts'

export const VERDICTS = ['helpful', 'not_helpful', 'used_in_reply'] as const
export type Verdict = (typeof VERDICTS)[number]

export interface FeedbackEntry {
  chunkId: string
  verdict: Verdict
  comment?: string
}

/** Chunk ids are `<document key>#<ordinal>`: the document is everything before the last `#`. */
export const documentOfChunk = (chunkId: string) => chunkId.slice(0, chunkId.lastIndexOf('#'))

/** Records an agent's verdicts on a ticket's suggestions; a later verdict replaces an earlier one. */
export async function recordFeedback(
  db: SqlDatabase,
  ticketId: string,
  agentId: string,
  entries: FeedbackEntry[],
): Promise<void> {
  await db.query(
    `INSERT INTO ticket_feedback (ticket_id, chunk_id, agent_id, document_key, verdict, comment)
     SELECT $1, chunk_id, $2, document_key, verdict, comment
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t (chunk_id, document_key, verdict, comment)
     ON CONFLICT (ticket_id, chunk_id, agent_id) DO UPDATE
       SET verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, recorded_at = now()`,
    [
      ticketId,
      agentId,
      entries.map((e) => e.chunkId),
      entries.map((e) => documentOfChunk(e.chunkId)),
      entries.map((e) => e.verdict),
      entries.map((e) => e.comment ?? null),
    ],
  )
}

export interface DocumentFeedback {
  document_key: string
  helpful: number
  not_helpful: number
  used_in_reply: number
  /** (helpful + used_in_reply) / all verdicts. */
  helpful_rate: number
}

/** Per document, how often its suggestions helped: the start of a feedback loop. */
export async function summariseFeedback(db: SqlDatabase, limit = 100): Promise<DocumentFeedback[]> {
  const rows = await db.query<Omit<DocumentFeedback, 'helpful_rate'>>(
    `SELECT document_key,
            COUNT(*) FILTER (WHERE verdict = 'helpful')::int AS helpful,
            COUNT(*) FILTER (WHERE verdict = 'not_helpful')::int AS not_helpful,
            COUNT(*) FILTER (WHERE verdict = 'used_in_reply')::int AS used_in_reply
     FROM ticket_feedback GROUP BY document_key ORDER BY COUNT(*) DESC, document_key LIMIT $1`,
    [limit],
  )
  return rows.map((row) => {
    const total = row.helpful + row.not_helpful + row.used_in_reply
    return {
      ...row,
      helpful_rate: Math.round(((row.helpful + row.used_in_reply) / total) * 1_000) / 1_000,
    }
  })
}
