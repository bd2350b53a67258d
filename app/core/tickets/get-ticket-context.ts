import type { SqlDatabase } from '../../ports/sql.ts'
import { AppError } from '../errors.ts'
import { buildTicketContext, type TicketContextDeps } from './build-ticket-context.ts'
import type { ReadyContextCache } from './ready-context-cache.ts'
import { findTicket, findTicketByExternalId } from './ticket-store.ts'
import type { Ticket, TicketContext } from './types.ts'

/** Our id (`tkt_...`) or the helpdesk's, as `<source>:<external id>` (`zendesk:35436`). */
export async function findTicketByReference(db: SqlDatabase, reference: string): Promise<Ticket> {
  const separator = reference.indexOf(':')
  const ticket =
    reference.startsWith('tkt_') || separator < 0
      ? await findTicket(db, reference)
      : await findTicketByExternalId(
          db,
          reference.slice(0, separator),
          reference.slice(separator + 1),
        )
  if (!ticket) throw new AppError('not_found', 'No ticket with this id')
  return ticket
}

export interface TicketContextResult {
  ticket: Ticket
  context: TicketContext
  onDemand: boolean
}

/**
 * The ready ticket's context kept in memory under this reference while still fresh, or
 * undefined: no database and no promise, so a repeated read can be answered at once.
 */
export function cachedTicketContext(
  deps: { readyContexts?: ReadyContextCache },
  reference: string,
): TicketContextResult | undefined {
  return storedContext(deps.readyContexts?.get(reference))
}

/** A ticket's stored context as the answer, or undefined when it has none. */
const storedContext = (ticket: Ticket | undefined): TicketContextResult | undefined =>
  ticket?.context ? { ticket, context: ticket.context, onDemand: false } : undefined

/**
 * The ticket's context: the stored one when ready, otherwise built now (not stored) so the agent
 * does not wait for the queue. A ready ticket kept in memory is used as it is within its TTL, and
 * after it once its row version is found unchanged: the same object, so its serialised answer is
 * reused too.
 */
export async function getTicketContext(
  deps: TicketContextDeps & { readyContexts?: ReadyContextCache },
  reference: string,
): Promise<TicketContextResult> {
  return cachedTicketContext(deps, reference) ?? loadTicketContext(deps, reference)
}

/** `getTicketContext` once `cachedTicketContext` found nothing fresh: revalidated, read or built. */
export async function loadTicketContext(
  deps: TicketContextDeps & { readyContexts?: ReadyContextCache },
  reference: string,
): Promise<TicketContextResult> {
  const cache = deps.readyContexts
  const revalidated = storedContext(await cache?.revalidate(reference))
  if (revalidated) return revalidated
  const ticket = await findTicketByReference(deps.db, reference)
  const stored = ticket.status === 'ready' ? storedContext(ticket) : undefined
  if (stored) {
    cache?.remember(reference, ticket)
    return stored
  }
  return { ticket, context: await buildTicketContext(deps, ticket.request), onDemand: true }
}
