import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { intercomAdapter } from '../../../../app/core/tickets/webhooks/intercom.ts'
import { at } from '../../../../app/core/tickets/webhooks/values.ts'
import { onlyTicket, payload } from './fixtures.ts'

const normalise = (body: unknown) => intercomAdapter.normalise(body, { headers: {} })
const item = (body: unknown) => at(body, 'data', 'item') as Record<string, unknown>

describe('intercom notification_event', () => {
  it('maps conversation.user.created to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('intercom-conversation.user.created.json')))
    assert.deepEqual(ticket, {
      source: 'intercom',
      external_ticket_id: '21321941764',
      customer_external_id: '75067020-1204-495c-8edc-abb7d88bdd43',
      subject: 'Hello everyone!',
      description: 'Hello everyone!',
      channel: 'chat',
      priority: 'normal',
      created_at: '2019-03-22T21:29:58.000Z',
      updated_at: '2019-03-22T21:29:58.000Z',
      metadata: {
        event_type: 'conversation.user.created',
        notification_id: 'notif_3ac27816-d27c-45fd-a65a-bbaf021cf780',
        status: 'open',
        url: 'https://app.intercom.io/a/apps/i6wc9ipe/conversations/21321941764',
      },
    })
  })

  it('maps ticket.created to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('intercom-ticket.created.json')))
    assert.deepEqual(ticket, {
      source: 'intercom',
      external_ticket_id: '215472629311235',
      customer_external_id: 'f7c0bc1e-5ee2-46a0-b11a-ea473d1101a5',
      subject: "Unclear user message 'erf' with pending email response",
      description:
        "User sent an unclear message 'erf' and was informed that replies will be sent here and to admin@example.com; awaiting further clarification or response.",
      channel: 'chat',
      priority: 'normal',
      created_at: '2026-01-11T06:44:28.000Z',
      updated_at: '2026-01-11T06:50:50.000Z',
      metadata: {
        event_type: 'ticket.created',
        notification_id: 'notif_381b4609-2b35-4720-8389-605f220e402a',
        ticket_number: '66040342',
        status: 'submitted',
        ticket_type: 'Tickets',
      },
    })
  })

  it('uses the Intercom user id and email when the user has no user_id', async () => {
    const body = payload('intercom-conversation.user.created.json')
    const user = item(body).user as Record<string, unknown>
    Object.assign(user, { user_id: null, email: 'rose@example.com' })
    const ticket = onlyTicket(await normalise(body))
    assert.equal(ticket.customer_external_id, 'intercom:5c9553cb27e377f24eed49f7')
    assert.equal(ticket.customer_email, 'rose@example.com')
  })

  it('marks priority conversations high and email conversations as email', async () => {
    const body = payload('intercom-conversation.user.created.json')
    Object.assign(item(body), { priority: 'priority', source: { type: 'email' } })
    const ticket = onlyTicket(await normalise(body))
    assert.deepEqual([ticket.priority, ticket.channel], ['high', 'email'])
  })

  it('ignores ping and other topics', async () => {
    for (const topic of ['ping', 'conversation.admin.closed', 'contact.created']) {
      const result = await normalise({ ...payload('intercom-ticket.created.json'), topic })
      assert.equal(result.ok && result.outcome, 'ignored', topic)
    }
  })

  it('rejects a conversation with no user, naming data.item.user', async () => {
    const body = payload('intercom-conversation.user.created.json')
    delete item(body).user
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'data.item.user')
  })

  it('rejects a ticket with no title or description, naming the title', async () => {
    const body = payload('intercom-ticket.created.json')
    item(body).ticket_attributes = {}
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'data.item.ticket_attributes._default_title_')
  })

  it('rejects a ticket with no id, naming data.item.id', async () => {
    const body = payload('intercom-ticket.created.json')
    delete item(body).id
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'data.item.id')
  })

  it('rejects a body that is not a notification_event', async () => {
    const result = await normalise({ topic: 'ticket.created' })
    assert.equal(!result.ok && result.field, 'type')
  })
})
