import type { Ticket, TicketContext } from '../../../core/tickets/types.ts'

export const REFRESH_SECONDS = 5

const MISSING: Record<string, string> = {
  customer: 'Customer details are missing: the customer database did not answer in time.',
  knowledge_base: 'Knowledge suggestions are missing: the knowledge base did not answer in time.',
}

/** Where the ticket is in the pipeline, when that changes what the agent sees. */
export function TicketStatus({ ticket }: { ticket: Ticket }) {
  if (ticket.status === 'received' || ticket.status === 'processing')
    return (
      <p class="notice info" role="status">
        Still processing this ticket: showing a live preview. This panel refreshes every{' '}
        {REFRESH_SECONDS} seconds.
      </p>
    )
  if (ticket.status === 'failed')
    return (
      <p class="notice error" role="status">
        Processing failed; showing a live preview instead.
      </p>
    )
  return null
}

/** Each part that could not be built, named, so an empty section is not mistaken for "none". */
export function Degraded({ context }: { context: TicketContext }) {
  if (context.degraded.length === 0) return null
  return (
    <div class="notice" role="status">
      {context.degraded.map((part) => (
        <p>{MISSING[part] ?? `Missing: ${part}.`}</p>
      ))}
    </div>
  )
}
