import type { CustomerContext } from '../customers/types.ts'
import { TICKET_PRIORITIES } from './ticket-request.ts'
import type { Priority } from './types.ts'

const STRONGLY_NEGATIVE = -0.5

/**
 * Raises the helpdesk's priority one step for each reason an agent should look sooner: a
 * high-value customer, an enterprise account, a high churn risk, a strongly negative ticket.
 * Never lowers it; `urgent` is the ceiling.
 */
export function suggestPriority(
  priority: Priority,
  customer: CustomerContext | null,
  ticketSentiment: number,
): { priority: Priority; raised: boolean; reasons: string[] } {
  const reasons: string[] = []
  if (customer?.is_high_value)
    reasons.push(`high-value customer (lifetime value ${customer.lifetime_value})`)
  if (customer?.customer.tier === 'enterprise') reasons.push('enterprise account')
  if (customer?.churn_risk === 'high') reasons.push('high churn risk')
  if (ticketSentiment <= STRONGLY_NEGATIVE)
    reasons.push(`strongly negative ticket (${ticketSentiment})`)
  const start = TICKET_PRIORITIES.indexOf(priority)
  const raisedIndex = Math.min(start + reasons.length, TICKET_PRIORITIES.length - 1)
  const suggested = TICKET_PRIORITIES[raisedIndex] ?? priority
  return { priority: suggested, raised: raisedIndex > start, reasons }
}
