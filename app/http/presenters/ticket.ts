import type { Ticket, TicketContext } from '../../core/tickets/types.ts'

export function presentTicket(
  { ticket, context, onDemand }: { ticket: Ticket; context: TicketContext; onDemand: boolean },
  correlationId: string,
) {
  return {
    ticket_id: ticket.id,
    source: ticket.request.source,
    external_ticket_id: ticket.request.external_ticket_id,
    status: ticket.status,
    subject: ticket.request.subject,
    priority: ticket.request.priority,
    customer: context.customer,
    customer_found: context.customer_found,
    suggestions: context.suggestions,
    ticket_sentiment: context.ticket_sentiment,
    suggested_priority: context.suggested_priority,
    degraded: context.degraded,
    processing_time_ms: ticket.processingTimeMs,
    computed_on_demand: onDemand,
    last_error: ticket.lastError,
    correlation_id: correlationId,
    generated_at: context.generated_at,
  }
}
