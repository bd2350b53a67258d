import { z } from '@hono/zod-openapi'
import { CUSTOMER_TIERS, ORDER_STATUSES } from '../../core/customers/types.ts'
import { INTERACTION_CHANNELS } from '../../ports/interaction-log.ts'

/** Helpdesk-facing customer ids: letters, digits and . _ : - (CUST-00001). */
export const ExternalIdParam = z.object({
  external_id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
      'must be 1-128 letters, digits, ".", "_", ":" or "-"',
    )
    .openapi({ param: { name: 'external_id', in: 'path' }, example: 'CUST-00001' }),
})

const Decimal = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .openapi({ example: '1249.90' })

export const CustomerContextSchema = z
  .object({
    customer: z.object({
      external_id: z.string(),
      name: z.string(),
      email: z.string(),
      company: z.string().nullable(),
      tier: z.enum(CUSTOMER_TIERS),
      customer_since: z.string().datetime(),
      metadata: z.record(z.string(), z.unknown()),
    }),
    lifetime_value: Decimal,
    total_orders: z.number().int(),
    recent_orders: z
      .array(
        z.object({
          order_number: z.string(),
          status: z.enum(ORDER_STATUSES),
          total_amount: Decimal,
          currency: z.string().length(3),
          ordered_at: z.string().datetime(),
          metadata: z.record(z.string(), z.unknown()),
        }),
      )
      .max(5),
    open_tickets: z.number().int(),
    average_sentiment_90d: z.number().min(-1).max(1).nullable(),
    interactions_90d: z.number().int(),
    last_interaction: z
      .object({
        occurred_at: z.string().datetime(),
        channel: z.enum(INTERACTION_CHANNELS),
        sentiment: z.number().min(-1).max(1),
        summary: z.string(),
      })
      .nullable(),
    is_high_value: z.boolean(),
    churn_risk: z.enum(['low', 'medium', 'high']),
    churn_risk_reasons: z.array(z.string()),
    generated_at: z.string().datetime(),
  })
  .openapi('CustomerContext')

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    uptime_s: z.number(),
    checks: z.record(
      z.string(),
      z.object({
        status: z.enum(['up', 'down']),
        latency_ms: z.number(),
        kind: z.string().optional(),
        error: z.string().optional(),
      }),
    ),
  })
  .openapi('Health')
