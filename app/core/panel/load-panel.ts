import type { Logger } from '../../observability/logger.ts'
import type { Interaction, InteractionLog } from '../../ports/interaction-log.ts'
import type { TicketContextDeps } from '../tickets/build-ticket-context.ts'
import type { Verdict } from '../tickets/feedback.ts'
import { getTicketContext } from '../tickets/get-ticket-context.ts'
import type { Ticket, TicketContext } from '../tickets/types.ts'
import { agentVerdicts } from './agent-verdicts.ts'
import { listOpenTickets, type OpenTicket } from './open-tickets.ts'

export const TREND_DAYS = 90
const TREND_MAX_POINTS = 200

export interface PanelDeps {
  ticketContext: TicketContextDeps
  interactions: InteractionLog
  logger: Logger
}

/** Everything the agent panel shows for one ticket. */
export interface PanelData {
  ticket: Ticket
  context: TicketContext
  /** Null when the interaction log could not be read: the page says the trend is missing. */
  interactions: Interaction[] | null
  openTickets: OpenTicket[]
  /** This agent's earlier verdicts, so the buttons show them after a reload. */
  verdicts: Map<string, Verdict>
}

export async function loadPanel(
  deps: PanelDeps,
  reference: string,
  agentId: string,
  now = new Date(),
): Promise<PanelData> {
  const { db } = deps.ticketContext
  const { ticket, context } = await getTicketContext(deps.ticketContext, reference)
  const customerId = context.customer?.customer.external_id
  const [interactions, openTickets, verdicts] = await Promise.all([
    customerId ? recentInteractions(deps, customerId, now) : [],
    customerId ? listOpenTickets(db, customerId, { excludeId: ticket.id }) : [],
    agentVerdicts(db, ticket.id, agentId),
  ])
  return { ticket, context, interactions, openTickets, verdicts }
}

/** The trend is a nicety: a failing interaction log degrades it instead of the page. */
async function recentInteractions(
  deps: PanelDeps,
  customerId: string,
  now: Date,
): Promise<Interaction[] | null> {
  const since = new Date(now.getTime() - TREND_DAYS * 86_400_000)
  try {
    return await deps.interactions.listRecent(customerId, { since, limit: TREND_MAX_POINTS, now })
  } catch (error) {
    deps.logger.warn('panel: interaction log unavailable', { error })
    return null
  }
}
