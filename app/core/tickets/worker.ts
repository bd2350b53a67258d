import type { Logger } from '../../observability/logger.ts'
import type { ReceivedMessage, TicketQueue } from '../../ports/ticket-queue.ts'

export interface WorkerOptions {
  queue: TicketQueue
  handle: (message: ReceivedMessage) => Promise<unknown>
  /** Called once a message is dead-lettered (the ticket becomes failed). */
  onGiveUp: (message: ReceivedMessage, error: string) => Promise<void>
  logger: Logger
  /** Deliveries before a message goes to the dead letters (SQS maxReceiveCount). */
  maxReceives?: number
  visibilityTimeoutMs?: number
  /** Backoff before a failed message is visible again: base × 2^(receives − 1). */
  retryBaseMs?: number
  batchSize?: number
  waitMs?: number
}

export interface Worker {
  start(): void
  /** Stops receiving and waits for the batch in hand. */
  stop(): Promise<void>
}

/** Pulls ticket messages and processes them; failures are retried with backoff, then dead-lettered. */
export function createWorker(options: WorkerOptions): Worker {
  const {
    queue,
    logger,
    maxReceives = 3,
    visibilityTimeoutMs = 30_000,
    retryBaseMs = 1_000,
  } = options
  let running = false
  let loop: Promise<void> | null = null

  async function settle(message: ReceivedMessage): Promise<void> {
    if (message.receiveCount > maxReceives) {
      // Delivered again after its last allowed attempt was cut off (crash, timeout).
      return giveUp(message, 'no attempt finished within the visibility timeout')
    }
    try {
      await options.handle(message)
      await queue.delete(message.receiptHandle)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      logger.warn('ticket attempt failed', {
        message_id: message.messageId,
        receive_count: message.receiveCount,
        error: reason,
      })
      if (message.receiveCount >= maxReceives) return giveUp(message, reason)
      await queue.release(message.receiptHandle, {
        error: reason,
        delayMs: retryBaseMs * 2 ** (message.receiveCount - 1),
      })
    }
  }

  async function giveUp(message: ReceivedMessage, reason: string): Promise<void> {
    await queue.deadLetter(message.receiptHandle, reason)
    await options.onGiveUp(message, reason)
    logger.error('ticket message dead-lettered', {
      message_id: message.messageId,
      ticket_id: message.body.ticketId,
    })
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const batch = await queue.receive({
          maxMessages: options.batchSize ?? 5,
          visibilityTimeoutMs,
          waitMs: options.waitMs ?? 1_000,
        })
        await Promise.all(batch.map(settle))
      } catch (error) {
        logger.error('worker poll failed', { error })
        await new Promise((resolve) => setTimeout(resolve, 1_000))
      }
    }
  }

  return {
    start() {
      if (running) return
      running = true
      loop = run()
    },
    async stop() {
      running = false
      await loop
    },
  }
}
