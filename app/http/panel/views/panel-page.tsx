import type { PanelData } from '../../../core/panel/load-panel.ts'
import { CustomerSection } from './customer.tsx'
import { Layout } from './layout.tsx'
import { Degraded, REFRESH_SECONDS, TicketStatus } from './notices.tsx'
import { Suggestions } from './suggestions.tsx'

export interface PanelPageProps {
  data: PanelData
  nonce: string
  feedbackUrl: string
  highValueThreshold: number
  now: Date
}

/** The agent side panel: the ticket's customer 360 and knowledge suggestions. */
export function PanelPage({ data, nonce, feedbackUrl, highValueThreshold, now }: PanelPageProps) {
  const { ticket, context } = data
  const pending = ticket.status === 'received' || ticket.status === 'processing'
  const { request } = ticket
  return (
    <Layout
      title={`Ticket ${request.source}:${request.external_ticket_id}`}
      nonce={nonce}
      refreshSeconds={pending ? REFRESH_SECONDS : undefined}
      script
    >
      <main data-feedback={feedbackUrl} aria-labelledby="ticket-heading">
        <p class="eyebrow">
          {request.source}:{request.external_ticket_id} · {ticket.status}
        </p>
        <h1 id="ticket-heading">{request.subject}</h1>
        <TicketStatus ticket={ticket} />
        <Degraded context={context} />
        <Priority data={data} />
        <CustomerSection data={data} highValueThreshold={highValueThreshold} now={now} />
        <Suggestions
          suggestions={context.suggestions}
          query={request.subject}
          verdicts={data.verdicts}
          degraded={context.degraded.includes('knowledge_base')}
        />
      </main>
    </Layout>
  )
}

function Priority({ data }: { data: PanelData }) {
  const suggested = data.context.suggested_priority
  return (
    <section aria-labelledby="priority-heading">
      <h2 id="priority-heading">Priority</h2>
      <p>
        Suggested <strong>{suggested.priority}</strong>
        {suggested.raised ? ` (raised from ${data.ticket.request.priority})` : ''}
      </p>
      {suggested.reasons.length ? (
        <ul class="reasons" aria-label="Priority reasons">
          {suggested.reasons.map((reason) => (
            <li>{reason}</li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
