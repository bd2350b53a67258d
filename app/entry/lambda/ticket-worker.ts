import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import { processTicket } from '../../core/tickets/process-ticket.ts'
import { setTicketStatus } from '../../core/tickets/ticket-store.ts'
import type { Deps } from '../../deps.ts'
import type { TicketMessage } from '../../ports/ticket-queue.ts'
import type { HandlerDeps } from './http.ts'
import type { LambdaObservability } from './observability.ts'

/**
 * SQS → ticket contexts, with partial batch failures: only the records that failed are
 * returned, so SQS redelivers those alone (and its redrive policy moves one to the DLQ after
 * maxReceiveCount). A record failing on its last allowed receive marks its ticket failed.
 */
export function createTicketWorkerHandler({ deps, observability }: HandlerDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const current = await deps()
    observability.begin(context)
    try {
      const settled = await Promise.all(
        event.Records.map((record) => settle(current, observability, record)),
      )
      const failed = event.Records.filter((_, index) => !settled[index])
      return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) }
    } finally {
      observability.end()
    }
  }
}

/** Resolves true when the record is done with (processed or skipped), false to retry it. */
async function settle(deps: Deps, obs: LambdaObservability, record: SQSRecord): Promise<boolean> {
  const message = parseTicketMessage(record.body)
  const logger = obs.logger.child({
    message_id: record.messageId,
    correlation_id: message?.correlationId,
  })
  try {
    if (!message) throw new Error('the body is not a ticket message')
    const outcome = await processTicket({ ...deps.processing, logger }, message)
    obs.count(outcome === 'ready' ? 'TicketsProcessed' : 'TicketsSkipped')
    return true
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const receives = Number(record.attributes.ApproximateReceiveCount)
    obs.count('TicketsFailed')
    logger.warn('ticket attempt failed', { receive_count: receives, error: reason })
    if (message && receives >= deps.config.QUEUE_MAX_RECEIVES) {
      await setTicketStatus(deps.db, message.ticketId, 'failed', { error: reason }).then(
        () => obs.count('TicketsGivenUp'),
        (cause) => logger.error('could not mark the ticket failed', { error: cause }),
      )
      logger.error('ticket failed on its last attempt', { ticket_id: message.ticketId })
    }
    return false
  }
}

/** The TicketMessage in a record body, or null for anything else (a poisoned message). */
export function parseTicketMessage(body: string): TicketMessage | null {
  try {
    const value = JSON.parse(body) as Partial<TicketMessage> | null
    if (typeof value?.ticketId !== 'string' || value.ticketId === '') return null
    const correlationId = typeof value.correlationId === 'string' ? value.correlationId : ''
    return { ticketId: value.ticketId, correlationId }
  } catch {
    return null
  }
}
