import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { freshdeskAdapter } from '../../../../app/core/tickets/webhooks/freshdesk.ts'
import { onlyTicket, payload, RECEIVED_AT } from './fixtures.ts'

type Wrapped = { freshdesk_webhook: Record<string, unknown> }
const normalise = (body: unknown) =>
  freshdeskAdapter.normalise(body, { headers: {}, receivedAt: RECEIVED_AT })

describe('freshdesk automation webhook', () => {
  it('maps the verbatim ticket_created body to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('freshdesk-ticket_created-webhook.json')))
    assert.deepEqual(ticket, {
      source: 'freshdesk',
      external_ticket_id: '11',
      customer_external_id: 'email:d2fef79948c57453a12d76c212f94fa0',
      customer_email: 'requester-bob@example.com',
      subject: 'Test ticket subject ☃',
      description: 'Test ticket description ☃.',
      channel: 'web',
      priority: 'high',
      created_at: '2025-11-25T12:00:00.000Z',
      metadata: {
        event_type: '{ticket_action:created}',
        status: 'pending',
        ticket_type: 'incident',
        url: 'http://test1234zzz.freshdesk.com/helpdesk/tickets/11',
        times_from: 'received_at',
      },
    })
  })

  it('reads the template extras: external id, source, comma-separated tags, codes', async () => {
    const body = payload<Wrapped>('freshdesk-ticket_created-webhook.json').freshdesk_webhook
    Object.assign(body, {
      requester_external_id: 'CUST-00007',
      ticket_source: 'Phone',
      ticket_tags: 'vip customer, refund',
      ticket_priority: '4',
    })
    const ticket = onlyTicket(await normalise(body))
    assert.equal(ticket.customer_external_id, 'CUST-00007')
    assert.equal(ticket.channel, 'phone')
    assert.equal(ticket.priority, 'urgent')
    assert.deepEqual(ticket.metadata.tags, ['vip customer', 'refund'])
    body.ticket_source = '1'
    assert.equal(onlyTicket(await normalise(body)).channel, 'email')
  })

  it('rejects a body without requester email, naming it', async () => {
    const body = payload<Wrapped>('freshdesk-ticket_created-webhook.json')
    body.freshdesk_webhook.requester_email = ''
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'freshdesk_webhook.requester_email')
  })

  it('rejects a body with neither subject nor description, naming the subject', async () => {
    const body = payload<Wrapped>('freshdesk-ticket_created-webhook.json')
    body.freshdesk_webhook.ticket_subject = ''
    body.freshdesk_webhook.ticket_description = '<div> </div>'
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'freshdesk_webhook.ticket_subject')
  })

  it('takes the subject from the description when the subject is blank', async () => {
    const body = payload<Wrapped>('freshdesk-ticket_created-webhook.json')
    body.freshdesk_webhook.ticket_subject = ''
    assert.equal(onlyTicket(await normalise(body)).subject, 'Test ticket description ☃.')
  })

  it('rejects a body without a ticket id, naming it', async () => {
    const body = payload<Wrapped>('freshdesk-ticket_created-webhook.json')
    delete body.freshdesk_webhook.ticket_id
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'freshdesk_webhook.ticket_id')
  })
})
