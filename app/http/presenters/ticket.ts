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
 * The same answer as UTF-8 JSON. A stored (ready) context is serialised and encoded once per
 * ticket object, which the ready-context cache hands out again and again, and only the
 * correlation id is appended per request: serialising a few kB of customer 360 on every read
 * cost more than the rest of the request, and so did measuring and encoding it as text again
 * (any character past Latin-1, a typographic apostrophe in a suggestion, makes that the slow
 * path; docs/benchmarks.md).
 */
export function presentTicketBody(
  result: { ticket: Ticket; context: TicketContext; onDemand: boolean },
  correlationId: string,
): Buffer {
  if (result.onDemand) return Buffer.from(JSON.stringify(presentTicket(result, correlationId)))
  let stable = serialised.get(result.ticket)
  if (!stable) {
    const { correlation_id: _, ...rest } = presentTicket(result, '')
    stable = Buffer.from(JSON.stringify(rest).slice(0, -1))
    serialised.set(result.ticket, stable)
  }
  const tail = `,"correlation_id":${JSON.stringify(correlationId)}}`
  const body = allocate(stable.length + Buffer.byteLength(tail))
  body.set(stable)
  body.write(tail, stable.length)
  return body
}

const serialised = new WeakMap<Ticket, Buffer>()

/**
 * Answer bodies are cut from shared slabs, as Node cuts small buffers from its pool (which
 * takes nothing over 4 kB): a memory block of its own for each answer took twice as long as
 * filling it, and each one weighs on the garbage collector. A piece is never handed out twice;
 * a slab is freed once no answer cut from it is held any more.
 */
const SLAB_BYTES = 256 * 1024
let slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
let used = 0

function allocate(size: number): Buffer {
  if (size > SLAB_BYTES / 8) return Buffer.allocUnsafe(size)
  if (used + size > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
    used = 0
  }
  const piece = slab.subarray(used, used + size)
  used += (size + 7) & ~7
  return piece
}
