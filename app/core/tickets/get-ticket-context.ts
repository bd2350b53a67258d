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

/**
 * The ticket's context: the stored one when ready, otherwise built now (not stored) so the agent
 * does not wait for the queue. A ready ticket kept in memory is used as it is within its TTL, and
 * after it once its row version is found unchanged: the same object, so its serialised answer is
 * reused too.
 */
export async function getTicketContext(
  deps: TicketContextDeps & { readyContexts?: ReadyContextCache },
  reference: string,
): Promise<{ ticket: Ticket; context: TicketContext; onDemand: boolean }> {
  const cache = deps.readyContexts
  const cached = cache?.get(reference) ?? (await cache?.revalidate(reference))
  if (cached?.context) return { ticket: cached, context: cached.context, onDemand: false }
  const ticket = await findTicketByReference(deps.db, reference)
  if (ticket.status === 'ready' && ticket.context) {
    cache?.remember(reference, ticket)
    return { ticket, context: ticket.context, onDemand: false }
  }
  return { ticket, context: await buildTicketContext(deps, ticket.request), onDemand: true }
}
