import type { Context, ScheduledEvent } from 'aws-lambda'
import { relayOutbox } from '../../core/tickets/outbox.ts'
import type { HandlerDeps } from './http.ts'

const BATCH = 100
const ROUNDS = 20

/**
 * EventBridge schedule (every minute) → sends the outbox messages an HTTP invocation staged but
 * could not relay (SQS unreachable, container frozen right after the commit). Resolves how many
 * it sent; a failure throws, so the invocation is retried and alarms on Lambda errors.
 */
export function createOutboxRelayHandler({ deps, observability }: HandlerDeps) {
  return async (event?: ScheduledEvent, context?: Context): Promise<{ relayed: number }> => {
    const current = await deps()
    observability.begin(context, event?.id)
    try {
      // Batches of BATCH until the outbox is empty or ROUNDS batches went (the next tick goes on).
      let relayed = 0
      for (let round = 0; round < ROUNDS; round++) {
        const sent = await relayOutbox(current, { limit: BATCH })
        relayed += sent
        if (sent < BATCH) break
      }
      if (relayed > 0) {
        observability.count('OutboxMessagesRelayed', relayed)
        observability.logger.info('outbox messages relayed', { relayed })
      }
      return { relayed }
    } finally {
      observability.end()
    }
  }
}
