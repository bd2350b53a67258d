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

/**
 * The same answer as JSON text. A stored (ready) context is serialised once per ticket object,
 * which the ready-context cache hands out again and again, and only the correlation id is
 * appended per request: serialising a few kB of customer 360 on every read cost more than the
 * rest of the request (docs/benchmarks.md).
 */
export function presentTicketJson(
  result: { ticket: Ticket; context: TicketContext; onDemand: boolean },
  correlationId: string,
): string {
  if (result.onDemand) return JSON.stringify(presentTicket(result, correlationId))
  let stable = serialised.get(result.ticket)
  if (!stable) {
    const { correlation_id: _, ...rest } = presentTicket(result, '')
    stable = JSON.stringify(rest).slice(0, -1)
    serialised.set(result.ticket, stable)
  }
  return `${stable},"correlation_id":${JSON.stringify(correlationId)}}`
}

const serialised = new WeakMap<Ticket, string>()
