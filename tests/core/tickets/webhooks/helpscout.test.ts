import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { helpScoutAdapter } from '../../../../app/core/tickets/webhooks/helpscout.ts'
import { onlyTicket, payload } from './fixtures.ts'

const normalise = (body: unknown, event?: string) =>
  helpScoutAdapter.normalise(body, { headers: event ? { 'x-helpscout-event': event } : {} })

describe('help scout webhooks', () => {
  it('maps convo.created to the exact ticket', async () => {
    const ticket = onlyTicket(
      await normalise(payload('helpscout-convo.created.json'), 'convo.created'),
    )
    assert.deepEqual(ticket, {
      source: 'helpscout',
      external_ticket_id: '291938',
      customer_external_id: 'helpscout:150',
      customer_email: 'karl@example.com',
      subject: 'I need help!',
      description:
        'Hello, I tried to download the file off your site but the link returns an error. Can you help?',
      channel: 'email',
      priority: 'normal',
      created_at: '2012-07-23T12:34:12Z',
      updated_at: '2012-07-23T12:34:12Z',
      metadata: {
        event_type: 'convo.created',
        number: '349',
        status: 'active',
        mailbox: 'Support',
      },
    })
  })

  it('reads the event name case-insensitively from the header', async () => {
    const result = await helpScoutAdapter.normalise(payload('helpscout-convo.created.json'), {
      headers: { 'X-HelpScout-Event': 'convo.created' },
    })
    assert.equal(onlyTicket(result).external_ticket_id, '291938')
  })

  it('strips HTML from the first customer thread', async () => {
    const body = payload<{ threads: { body: string }[] }>('helpscout-convo.created.json')
    const [thread] = body.threads
    if (thread) thread.body = '<p>Hello&nbsp;there,<br>the link &amp; page fail.</p><p>Thanks</p>'
    const ticket = onlyTicket(await normalise(body, 'convo.created'))
    assert.equal(ticket.description, 'Hello there,\nthe link & page fail.\n\nThanks')
  })

  it('ignores the test ping and deletions', async () => {
    for (const event of ['helpscout.test', 'convo.deleted', 'customer.created']) {
      const result = await normalise(payload('helpscout-convo.created.json'), event)
      assert.equal(result.ok && result.outcome, 'ignored', event)
    }
  })

  it('rejects a delivery without the event header, naming it', async () => {
    const result = await normalise(payload('helpscout-convo.created.json'))
    assert.equal(!result.ok && result.field, 'X-HelpScout-Event')
  })

  it('rejects a conversation without a customer, naming it', async () => {
    const body = payload('helpscout-convo.created.json')
    delete body.customer
    const result = await normalise(body, 'convo.created')
    assert.equal(!result.ok && result.field, 'customer')
  })

  it('rejects a conversation without an id, naming it', async () => {
    const body = payload('helpscout-convo.created.json')
    delete body.id
    const result = await normalise(body, 'convo.created')
    assert.equal(!result.ok && result.field, 'id')
  })
})
