import type { InteractionLog } from '../../ports/interaction-log.ts'
import type { TicketMessage } from '../../ports/ticket-queue.ts'
import { buildTicketContext, type TicketContextDeps } from './build-ticket-context.ts'
import { completeTicket, findTicket, setTicketStatus } from './ticket-store.ts'

export interface ProcessDeps extends TicketContextDeps {
  interactions: InteractionLog
}

/**
 * Builds and stores one ticket's context. Safe to run twice for one message (at-least-once
 * delivery): only the first completion of a given content marks the ticket ready, and the
 * interaction it records is keyed by ticket and content, so it exists once.
 */
export async function processTicket(
  deps: ProcessDeps,
  message: TicketMessage,
): Promise<'ready' | 'skipped'> {
  const ticket = await findTicket(deps.db, message.ticketId)
  if (!ticket || ticket.status === 'ready') return 'skipped'
  const started = performance.now()
  await setTicketStatus(deps.db, ticket.id, 'processing')
  const context = await buildTicketContext(deps, ticket.request)
  const elapsed = Math.round(performance.now() - started)
  // The interaction goes first, keyed by ticket and content: a crash before completion makes the
  // redelivery write it again as a no-op, so it is counted exactly once.
  const customerId = context.customer?.customer.external_id
  if (customerId) {
    await deps.interactions.record([
      {
        customerId,
        occurredAt: new Date(ticket.request.created_at),
        channel: ticket.request.channel,
        sentiment: context.ticket_sentiment,
        summary:
          `Ticket ${ticket.request.source}/${ticket.request.external_ticket_id}: ${ticket.request.subject}`.slice(
            0,
            500,
          ),
        ref: `ticket:${ticket.id}:${ticket.contentHash}`,
      },
    ])
  }
  const completed = await completeTicket(deps.db, ticket.id, ticket.contentHash, context, elapsed)
  if (!completed) return 'skipped'
  if (customerId) deps.customerContexts.invalidate(customerId)
  deps.logger.info('ticket ready', {
    ticket_id: ticket.id,
    correlation_id: message.correlationId,
    processing_time_ms: elapsed,
  })
  return 'ready'
}
