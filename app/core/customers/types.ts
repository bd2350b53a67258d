import type { InteractionChannel } from '../../ports/interaction-log.ts'

export const CUSTOMER_TIERS = ['free', 'standard', 'premium', 'enterprise'] as const
export type CustomerTier = (typeof CUSTOMER_TIERS)[number]

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export type ChurnRisk = 'low' | 'medium' | 'high'

export interface CustomerProfile {
  external_id: string
  name: string
  email: string
  company: string | null
  tier: CustomerTier
  customer_since: string
  metadata: Record<string, unknown>
}

export interface OrderSummary {
  order_number: string
  status: OrderStatus
  /** Exact decimal as a string ("1249.90"): money never passes through a float. */
  total_amount: string
  currency: string
  ordered_at: string
  metadata: Record<string, unknown>
}

export interface InteractionSummary {
  occurred_at: string
  channel: InteractionChannel
  sentiment: number
  summary: string
}

/** The customer 360 an agent reads beside a ticket. */
export interface CustomerContext {
  customer: CustomerProfile
  /** Sum of orders that were not cancelled or refunded, exact decimal string. */
  lifetime_value: string
  total_orders: number
  recent_orders: OrderSummary[]
  open_tickets: number
  average_sentiment_90d: number | null
  interactions_90d: number
  last_interaction: InteractionSummary | null
  is_high_value: boolean
  churn_risk: ChurnRisk
  churn_risk_reasons: string[]
  generated_at: string
}
