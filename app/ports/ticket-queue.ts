import type { SqlExecutor, SqlStatement } from './sql.ts'

/** What the intake asks the worker to do: (re)build one ticket's context. */
export interface TicketMessage {
  ticketId: string
  correlationId: string
}

export interface ReceivedMessage {
  messageId: string
  body: TicketMessage
  /** 1 on the first delivery; the worker gives up (dead letter) past the maximum. */
  receiveCount: number
  /** Proves this delivery; stale once the visibility timeout lets someone else receive it. */
  receiptHandle: string
}

export interface DeadLetter {
  id: string
  messageId: string
  body: TicketMessage
  receiveCount: number
  lastError: string | null
  deadAt: Date
}

/**
 * A work queue with SQS semantics: at-least-once delivery; a received message is invisible for
 * the visibility timeout and comes back if not deleted; receives are counted; dead letters are
 * kept apart and can be replayed.
 */
export interface TicketQueue {
  /**
   * True when `send({ tx })` enqueues inside the caller's SQL transaction (a queue in the same
   * database). When false, the intake stages messages in the outbox table and relays them after
   * the commit (app/core/tickets/outbox.ts).
   */
  readonly joinsTransactions: boolean
  /**
   * Enqueues a message. Given `tx` (an SQL transaction), a database-backed queue enqueues inside
   * it, so the ticket and its message commit together (the outbox); other adapters ignore `tx`.
   */
  send(body: TicketMessage, options?: { tx?: SqlExecutor }): Promise<void>
  /**
   * For a queue in the same database: the INSERT that enqueues `body` once for each row of the
   * CTE named `source` (`INSERT … SELECT … FROM source`), its parameters numbered from
   * `nextParam`, so the intake writes a new ticket and its message in one statement.
   */
  enqueueFrom?(source: string, body: TicketMessage, nextParam: number): SqlStatement
  /** Up to `maxMessages` visible messages, waiting up to `waitMs` for one to arrive. */
  receive(options?: {
    maxMessages?: number
    visibilityTimeoutMs?: number
    waitMs?: number
  }): Promise<ReceivedMessage[]>
  /** Acknowledges a processed message. Resolves false when the receipt is stale. */
  delete(receiptHandle: string): Promise<boolean>
  /** Gives a failed attempt back: visible again after `delayMs`, with the error remembered. */
  release(receiptHandle: string, options: { error: string; delayMs: number }): Promise<void>
  /** Moves a message to the dead letters with its last error. */
  deadLetter(receiptHandle: string, error: string): Promise<void>
  listDeadLetters(limit?: number): Promise<DeadLetter[]>
  /** Sends dead letters back to the queue with a fresh receive count; resolves how many. */
  replay(target: { id: string } | 'all'): Promise<number>
  depth(): Promise<{ visible: number; inFlight: number; dead: number }>
}
