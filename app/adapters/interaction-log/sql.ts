import {
  assertValidInteraction,
  expiryOf,
  INTERACTION_RETENTION_DAYS,
  type Interaction,
  type InteractionChannel,
  type InteractionLog,
} from '../../ports/interaction-log.ts'
import type { SqlDatabase } from '../../ports/sql.ts'

interface InteractionRow {
  customer_id: string
  occurred_at: Date
  channel: InteractionChannel
  sentiment: number
  summary: string
  ref: string | null
}

/** The embedded interaction log: one SQL table, written in one multi-row statement per batch. */
export function createSqlInteractionLog({ db }: { db: SqlDatabase }): InteractionLog {
  return {
    async record(interactions) {
      if (interactions.length === 0) return
      interactions.forEach(assertValidInteraction)
      await db.query(
        `INSERT INTO interactions (customer_id, occurred_at, channel, sentiment, summary, expires_at, ref)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[], $5::text[],
                              $6::timestamptz[], $7::text[])
         ON CONFLICT (customer_id, ref) WHERE ref IS NOT NULL DO NOTHING`,
        [
          interactions.map((i) => i.customerId),
          interactions.map((i) => i.occurredAt.toISOString()),
          interactions.map((i) => i.channel),
          interactions.map((i) => i.sentiment),
          interactions.map((i) => i.summary),
          interactions.map((i) => expiryOf(i.occurredAt).toISOString()),
          interactions.map((i) => i.ref ?? null),
        ],
      )
    },

    async listRecent(customerId, { since, limit = 100, now = new Date() } = {}) {
      const from = since ?? new Date(now.getTime() - INTERACTION_RETENTION_DAYS * 86_400_000)
      const rows = await db.query<InteractionRow>(
        `SELECT customer_id, occurred_at, channel, sentiment, summary, ref FROM interactions
         WHERE customer_id = $1 AND occurred_at >= $2 AND expires_at > $3
         ORDER BY occurred_at DESC, id DESC LIMIT $4`,
        [customerId, from, now, limit],
      )
      return rows.map(toInteraction)
    },
  }
}

const toInteraction = (row: InteractionRow): Interaction => ({
  customerId: row.customer_id,
  occurredAt: row.occurred_at,
  channel: row.channel,
  sentiment: row.sentiment,
  summary: row.summary,
  ...(row.ref ? { ref: row.ref } : {}),
})
