import type { PanelData } from '../../../core/panel/load-panel.ts'
import { OpenTickets, RecentOrders } from './activity.tsx'
import { capitalise, groupThousands } from './format.ts'
import { TrendChart } from './trend-chart.tsx'

export interface CustomerProps {
  data: PanelData
  highValueThreshold: number
  now: Date
}

/** The customer at a glance: who, how valuable, how at risk, and what happened lately. */
export function CustomerSection({ data, highValueThreshold, now }: CustomerProps) {
  const { context, ticket } = data
  const customer = context.customer
  return (
    <section aria-labelledby="customer-heading">
      <h2 id="customer-heading">Customer</h2>
      {!context.customer_found ? (
        <p class="notice">
          Unknown customer: no customer matches {ticket.request.customer_external_id}
          {ticket.request.customer_email ? ` or ${ticket.request.customer_email}` : ''}.
        </p>
      ) : customer ? (
        <>
          <Profile context={customer} highValueThreshold={highValueThreshold} />
          <h3>Sentiment, last 90 days</h3>
          <TrendChart interactions={data.interactions} now={now} />
          <RecentOrders orders={customer.recent_orders} total={customer.total_orders} />
          <OpenTickets tickets={data.openTickets} count={customer.open_tickets} />
        </>
      ) : null}
    </section>
  )
}

type Context360 = NonNullable<PanelData['context']['customer']>

function Profile({
  context,
  highValueThreshold,
}: {
  context: Context360
  highValueThreshold: number
}) {
  const { customer } = context
  return (
    <>
      <p class="name">
        <strong>{customer.name}</strong> <span class="muted">{customer.external_id}</span>
      </p>
      <dl class="facts">
        <dt>Company</dt>
        <dd>{customer.company ?? '—'}</dd>
        <dt>Tier</dt>
        <dd>{capitalise(customer.tier)}</dd>
        <dt>Lifetime value</dt>
        <dd>{groupThousands(context.lifetime_value)}</dd>
      </dl>
      <ul class="badges" aria-label="Flags">
        {context.is_high_value ? (
          <li class="badge hv">High value (≥ {groupThousands(String(highValueThreshold))})</li>
        ) : null}
        <li class={`badge risk-${context.churn_risk}`}>Churn risk: {context.churn_risk}</li>
      </ul>
      {context.churn_risk_reasons.length ? (
        <ul class="reasons" aria-label="Churn risk reasons">
          {context.churn_risk_reasons.map((reason) => (
            <li>{reason}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
