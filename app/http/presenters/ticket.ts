import type { Ticket, TicketContext } from '../../core/tickets/types.ts'

/**
 * A `TicketResponse`. Its `correlation_id` is the one the ticket was last accepted under (its
 * intake request's, which its queue message and processing logs carry), not the reading
 * request's: the answer is the same for every reader, as an edge cache serves it.
 */
export function presentTicket({
  ticket,
  context,
  onDemand,
}: {
  ticket: Ticket
  context: TicketContext
  onDemand: boolean
}) {
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
    correlation_id: ticket.correlationId,
    generated_at: context.generated_at,
  }
}

/**
 * The same answer as UTF-8 JSON. Nothing in it depends on the request (the correlation id is the
 * ticket's; the request's own goes in the `x-correlation-id` header), so a stored (ready)
 * context is serialised and encoded once per ticket object, which the ready-context cache hands
 * out again and again, and every read of it is answered with those bytes as they are: the same
 * answer an edge cache replays. Serialising a few kB of customer 360 on every read cost more
 * than the rest of the request, and so did encoding it as text (a typographic apostrophe in a
 * suggestion makes that the slow path) or copying it to append a per-request id
 * (docs/benchmarks.md).
 */
export function presentTicketBody(result: {
  ticket: Ticket
  context: TicketContext
  onDemand: boolean
}): Buffer {
  if (result.onDemand) return Buffer.from(JSON.stringify(presentTicket(result)))
  let body = serialised.get(result.ticket)
  if (!body) {
    body = Buffer.from(JSON.stringify(presentTicket(result)))
    serialised.set(result.ticket, body)
  }
  return body
}

const serialised = new WeakMap<Ticket, Buffer>()
