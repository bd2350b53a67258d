import type { InteractionLog } from '../../ports/interaction-log.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import { AppError } from '../errors.ts'
import { OPEN_TICKET_CONDITION } from '../tickets/open-ticket.ts'
import { assessChurnRisk } from './churn-risk.ts'
import type { CustomerContext, CustomerProfile, CustomerTier, OrderSummary } from './types.ts'

const RECENT_ORDERS = 5
const SENTIMENT_WINDOW_DAYS = 90
const DAY_MS = 86_400_000

export interface CustomerContextDeps {
  db: SqlDatabase
  interactions: InteractionLog
  highValueThreshold: number
}

interface CustomerRow {
  id: number
  external_id: string
  name: string
  email: string
  company: string | null
  tier: CustomerTier
  created_at: Date
  metadata: Record<string, unknown>
  lifetime_value: string
  total_orders: number
}

interface OrderRow {
  order_number: string
  status: OrderSummary['status']
  total_amount: string
  currency: string
  ordered_at: Date
  metadata: Record<string, unknown>
}

/** Builds the customer 360 from the database and the interaction log; not_found when unknown. */
export async function buildCustomerContext(
  deps: CustomerContextDeps,
  externalId: string,
  now: Date = new Date(),
): Promise<CustomerContext> {
  const customer = await loadCustomer(deps.db, externalId)
  if (!customer) throw new AppError('not_found', `No customer with external id ${externalId}`)
  const since = new Date(now.getTime() - SENTIMENT_WINDOW_DAYS * DAY_MS)
  const [orders, interactions, openTickets] = await Promise.all([
    loadRecentOrders(deps.db, customer.id),
    deps.interactions.listRecent(externalId, { since, now, limit: 1_000 }),
    countOpenTickets(deps.db, externalId),
  ])
  const sentiments = interactions.map((i) => i.sentiment)
  const averageSentiment = sentiments.length ? round(mean(sentiments), 3) : null
  const last = interactions[0] ?? null
  const lastActivity = latest(orders[0]?.ordered_at, last?.occurredAt)
  const churn = assessChurnRisk({
    averageSentiment,
    daysSinceLastActivity: lastActivity
      ? Math.floor((now.getTime() - lastActivity.getTime()) / DAY_MS)
      : null,
    tier: customer.tier,
  })
  return {
    customer: toProfile(customer),
    lifetime_value: customer.lifetime_value,
    total_orders: customer.total_orders,
    recent_orders: orders.map(toOrderSummary),
    open_tickets: openTickets,
    average_sentiment_90d: averageSentiment,
    interactions_90d: interactions.length,
    last_interaction: last && {
      occurred_at: last.occurredAt.toISOString(),
      channel: last.channel,
      sentiment: last.sentiment,
      summary: last.summary,
    },
    is_high_value: Number(customer.lifetime_value) >= deps.highValueThreshold,
    churn_risk: churn.level,
    churn_risk_reasons: churn.reasons,
    generated_at: now.toISOString(),
  }
}

async function loadCustomer(db: SqlDatabase, externalId: string): Promise<CustomerRow | undefined> {
  const rows = await db.query<CustomerRow>(
    `SELECT c.id, c.external_id, c.name, c.email, c.company, c.tier, c.created_at, c.metadata,
            COALESCE(SUM(o.total_amount) FILTER (WHERE o.status NOT IN ('cancelled', 'refunded')), 0)
              ::numeric(14, 2)::text AS lifetime_value,
            COUNT(o.id)::int AS total_orders
     FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
     WHERE c.external_id = $1
     GROUP BY c.id`,
    [externalId],
  )
  return rows[0]
}

function loadRecentOrders(db: SqlDatabase, customerId: number): Promise<OrderRow[]> {
  return db.query<OrderRow>(
    `SELECT order_number, status, total_amount::text AS total_amount, currency, ordered_at, metadata
     FROM orders WHERE customer_id = $1 ORDER BY ordered_at DESC, id DESC LIMIT $2`,
    [customerId, RECENT_ORDERS],
  )
}

/** Tickets we hold for the customer that their helpdesk has not marked solved or closed. */
async function countOpenTickets(db: SqlDatabase, externalId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM tickets
     WHERE customer_external_id = $1 AND ${OPEN_TICKET_CONDITION}`,
    [externalId],
  )
  return row?.n ?? 0
}

const toProfile = (row: CustomerRow): CustomerProfile => ({
  external_id: row.external_id,
  name: row.name,
  email: row.email,
  company: row.company,
  tier: row.tier,
  customer_since: row.created_at.toISOString(),
  metadata: row.metadata,
})

const toOrderSummary = (row: OrderRow): OrderSummary => ({
  order_number: row.order_number,
  status: row.status,
  total_amount: row.total_amount,
  currency: row.currency.trim(),
  ordered_at: row.ordered_at.toISOString(),
  metadata: row.metadata,
})

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b
  if (!b) return a
  return a > b ? a : b
}
