import { setTimeout as sleep } from 'node:timers/promises'
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts'
import type {
  DeadLetter,
  ReceivedMessage,
  TicketMessage,
  TicketQueue,
} from '../../ports/ticket-queue.ts'

const POLL_INTERVAL_MS = 50

interface MessageRow {
  id: number
  body: TicketMessage
  receive_count: number
  receipt_handle: string
}

interface DeadRow {
  id: number
  message_id: number
  body: TicketMessage
  receive_count: number
  last_error: string | null
  dead_at: Date
}

/**
 * The embedded queue: rows in queue_messages. Receiving claims rows with FOR UPDATE SKIP LOCKED,
 * so concurrent workers (and processes sharing one PostgreSQL) never get the same delivery.
 */
export function createSqlTicketQueue({
  db,
  queue = 'tickets',
  defaultVisibilityTimeoutMs = 30_000,
}: {
  db: SqlDatabase
  queue?: string
  defaultVisibilityTimeoutMs?: number
}): TicketQueue {
  async function claim(
    maxMessages: number,
    visibilityTimeoutMs: number,
  ): Promise<ReceivedMessage[]> {
    const rows = await db.query<MessageRow>(
      `UPDATE queue_messages SET receive_count = receive_count + 1,
         receipt_handle = gen_random_uuid()::text,
         visible_at = now() + make_interval(secs => $3::float8 / 1000)
       WHERE id IN (SELECT id FROM queue_messages WHERE queue = $1 AND visible_at <= now()
                    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, body, receive_count, receipt_handle`,
      [queue, maxMessages, visibilityTimeoutMs],
    )
    return rows
      .sort((a, b) => a.id - b.id)
      .map((row) => ({
        messageId: String(row.id),
        body: row.body,
        receiveCount: row.receive_count,
        receiptHandle: row.receipt_handle,
      }))
  }

  async function moveToDeadLetters(where: string, params: unknown[], executor: SqlExecutor = db) {
    const moved = await executor.query<{ id: number }>(
      `WITH gone AS (DELETE FROM queue_messages WHERE queue = $1 AND ${where}
                     RETURNING id, body, receive_count, last_error, sent_at)
       INSERT INTO queue_dead_letters (queue, message_id, body, receive_count, last_error, sent_at)
       SELECT $1, id, body, receive_count, last_error, sent_at FROM gone RETURNING id`,
      [queue, ...params] as never[],
    )
    return moved.length
  }

  return {
    joinsTransactions: true,
    async send(body, { tx } = {}) {
      await (tx ?? db).query('INSERT INTO queue_messages (queue, body) VALUES ($1, $2)', [
        queue,
        body,
      ])
    },

    enqueueFrom: (source, body, nextParam) => ({
      text: `INSERT INTO queue_messages (queue, body)
             SELECT $${nextParam}::text, $${nextParam + 1}::jsonb FROM ${source}`,
      params: [queue, body],
    }),

    async receive({
      maxMessages = 10,
      visibilityTimeoutMs = defaultVisibilityTimeoutMs,
      waitMs = 0,
    } = {}) {
      const deadline = Date.now() + waitMs
      for (;;) {
        const messages = await claim(maxMessages, visibilityTimeoutMs)
        if (messages.length > 0 || Date.now() >= deadline) return messages
        await sleep(Math.min(POLL_INTERVAL_MS, Math.max(deadline - Date.now(), 1)))
      }
    },

    async delete(receiptHandle) {
      const rows = await db.query(
        'DELETE FROM queue_messages WHERE receipt_handle = $1 RETURNING id',
        [receiptHandle],
      )
      return rows.length > 0
    },

    async release(receiptHandle, { error, delayMs }) {
      await db.query(
        `UPDATE queue_messages SET last_error = $2, visible_at = now() + make_interval(secs => $3::float8 / 1000)
         WHERE receipt_handle = $1`,
        [receiptHandle, error.slice(0, 2_000), delayMs],
      )
    },

    async deadLetter(receiptHandle, error) {
      await db.transaction(async (tx) => {
        await tx.query('UPDATE queue_messages SET last_error = $2 WHERE receipt_handle = $1', [
          receiptHandle,
          error.slice(0, 2_000),
        ])
        await moveToDeadLetters('receipt_handle = $2', [receiptHandle], tx)
      })
    },

    async listDeadLetters(limit = 100) {
      const rows = await db.query<DeadRow>(
        `SELECT id, message_id, body, receive_count, last_error, dead_at FROM queue_dead_letters
         WHERE queue = $1 ORDER BY id LIMIT $2`,
        [queue, limit],
      )
      return rows.map(toDeadLetter)
    },

    async replay(target) {
      const filter = target === 'all' ? '' : 'AND id = $2'
      const params = target === 'all' ? [queue] : [queue, Number(target.id)]
      if (target !== 'all' && !Number.isSafeInteger(Number(target.id))) return 0
      const rows = await db.query(
        `WITH revived AS (DELETE FROM queue_dead_letters WHERE queue = $1 ${filter} RETURNING body)
         INSERT INTO queue_messages (queue, body) SELECT $1, body FROM revived RETURNING id`,
        params,
      )
      return rows.length
    },

    async depth() {
      const [row] = await db.query<{ visible: number; in_flight: number; dead: number }>(
        `SELECT COUNT(*) FILTER (WHERE visible_at <= now())::int AS visible,
                COUNT(*) FILTER (WHERE visible_at > now() AND receive_count > 0)::int AS in_flight,
                (SELECT COUNT(*)::int FROM queue_dead_letters WHERE queue = $1) AS dead
         FROM queue_messages WHERE queue = $1`,
        [queue],
      )
      return { visible: row?.visible ?? 0, inFlight: row?.in_flight ?? 0, dead: row?.dead ?? 0 }
    },
  }
}

const toDeadLetter = (row: DeadRow): DeadLetter => ({
  id: String(row.id),
  messageId: String(row.message_id),
  body: row.body,
  receiveCount: row.receive_count,
  lastError: row.last_error,
  deadAt: row.dead_at,
})
