import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { zendeskAdapter } from '../../../../app/core/tickets/webhooks/zendesk.ts'
import { onlyTicket, payload, RECEIVED_AT } from './fixtures.ts'

const normalise = (body: unknown) =>
  zendeskAdapter.normalise(body, { headers: {}, receivedAt: RECEIVED_AT })

describe('zendesk trigger webhook (admin-written body)', () => {
  it('maps a body built from the documented template to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('zendesk-trigger-webhook-our-template.json')))
    assert.deepEqual(ticket, {
      source: 'zendesk',
      external_ticket_id: '7',
      customer_external_id: 'CUST-00042',
      customer_email: 'tester@example.com',
      subject: 'Hello world',
      description: 'I am writing this to create a ticket.',
      channel: 'web',
      priority: 'normal',
      created_at: '2025-02-03T19:59:12Z',
      updated_at: '2025-02-03T20:04:40Z',
      metadata: {
        event_type: 'trigger',
        status: 'open',
        ticket_type: 'incident',
        tags: ['change_address', 'help', 'order'],
        assignee: 'Apoorva Pendse',
        url: 'https://asdf1640.zendesk.com/agent/tickets/7',
      },
    })
  })

  it('rejects the verbatim Zulip-template body, which names no requester', async () => {
    const result = await normalise(payload('zendesk-trigger-webhook-ticket-created.json'))
    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.field, 'requester_email')
    assert.match(!result.ok ? result.reason : '', /requester/)
  })

  it('falls back to the vendor id, then the email, when there is no external id', async () => {
    const body = payload('zendesk-trigger-webhook-our-template.json')
    body.requester_external_id = ''
    assert.equal(onlyTicket(await normalise(body)).customer_external_id, 'zendesk:366956')
    body.requester_id = ''
    body.requester_email = 'requester-bob@example.com'
    const ticket = onlyTicket(await normalise(body))
    assert.equal(ticket.customer_external_id, 'email:d2fef79948c57453a12d76c212f94fa0')
    assert.equal(ticket.customer_email, 'requester-bob@example.com')
  })

  it('uses the delivery time when the template renders a locale date', async () => {
    const body = payload('zendesk-trigger-webhook-our-template.json')
    body.created_at = 'February 3, 2025'
    body.updated_at = 'February 3, 2025'
    const ticket = onlyTicket(await normalise(body))
    assert.equal(ticket.created_at, '2025-11-25T12:00:00.000Z')
    assert.equal(ticket.updated_at, undefined)
    assert.equal(ticket.metadata.times_from, 'received_at')
  })

  it('maps the via channel and priority placeholders', async () => {
    const body = payload('zendesk-trigger-webhook-our-template.json')
    Object.assign(body, { ticket_via: 'Mail', ticket_priority: 'Urgent' })
    const ticket = onlyTicket(await normalise(body))
    assert.deepEqual([ticket.channel, ticket.priority], ['email', 'urgent'])
    Object.assign(body, { ticket_via: 'Voice', ticket_priority: '-' })
    const other = onlyTicket(await normalise(body))
    assert.deepEqual([other.channel, other.priority], ['phone', 'normal'])
  })
})

describe('zendesk event subscription (zen:event-type:ticket.*)', () => {
  it('maps ticket.created to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('zendesk-ticket.created-event.json')))
    assert.deepEqual(ticket, {
      source: 'zendesk',
      external_ticket_id: '35436',
      customer_external_id: 'zendesk:20978392',
      subject: 'Help, my printer is on fire!',
      description: 'The fire is very colorful.',
      channel: 'web',
      priority: 'high',
      created_at: '2099-07-04T05:33:18Z',
      updated_at: '2099-07-04T05:33:18Z',
      metadata: {
        event_type: 'zen:event-type:ticket.created',
        event_id: '2b24ef10-19d4-4740-93cf-8f98ec4776c0',
        account_id: '12514403',
        status: 'new',
        ticket_type: 'incident',
        tags: ['enterprise', 'other_tag'],
        assignee_id: '235323',
      },
    })
  })

  it('ignores user events and ticket deletions', async () => {
    for (const type of ['zen:event-type:user.created', 'zen:event-type:ticket.soft_deleted']) {
      const body = { ...payload('zendesk-ticket.created-event.json'), type }
      const result = await normalise(body)
      assert.equal(result.ok && result.outcome, 'ignored', type)
    }
  })

  it('rejects an event without a ticket id, naming detail.id', async () => {
    const body = payload<{ detail: Record<string, unknown> }>('zendesk-ticket.created-event.json')
    delete body.detail.id
    const result = await normalise(body)
    assert.deepEqual(result, { ok: false, reason: 'the ticket id is missing', field: 'detail.id' })
  })
})
