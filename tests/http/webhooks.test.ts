import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import {
  ZENDESK_SIGNATURE,
  ZENDESK_TIMESTAMP,
  zendeskSignature,
} from '../../app/core/tickets/webhooks/zendesk.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3RpbmdfcHVycG9zZXNfb25seQ=='
const PAYLOADS = new URL('../fixtures/webhooks/payloads/', import.meta.url)
const zendeskEvent = readFileSync(new URL('zendesk-ticket.created-event.json', PAYLOADS), 'utf8')

function signed(body: string, { at = new Date(), secret = SECRET } = {}) {
  const timestamp = at.toISOString()
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      [ZENDESK_TIMESTAMP]: timestamp,
      [ZENDESK_SIGNATURE]: zendeskSignature({
        secret,
        timestamp,
        body: new TextEncoder().encode(body),
      }),
    },
  }
}

describe('POST /webhooks/{vendor}', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 2, env: { WEBHOOK_SECRET_ZENDESK: SECRET } })
  })
  after(() => t.close())
  const tickets = async () =>
    (await t.deps.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM tickets'))[0]?.n

  it('turns a signed Zendesk ticket.created event into one ticket, even sent 5 times at once', async () => {
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map(() => t.app.request('/webhooks/zendesk', signed(zendeskEvent))),
    )
    const bodies = await Promise.all(responses.map(readJson))
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 200, 200, 200, 202])
    assert.equal(new Set(bodies.map((b) => b.results[0].ticket_id)).size, 1)
    assert.equal(await tickets(), 1)
    const [row] = await t.deps.db.query<{ source: string; external_ticket_id: string }>(
      'SELECT source, external_ticket_id FROM tickets',
    )
    assert.equal(row?.source, 'zendesk')
    assert.equal((await t.deps.queue.depth()).visible, 1)
  })

  it('refuses a tampered body, a stale timestamp and a missing signature with 401, storing nothing', async () => {
    const before = await tickets()
    const good = signed(zendeskEvent.replace('35436', '35437'))
    const tampered = { ...good, body: good.body.replace('35437', '35438') }
    for (const request of [
      tampered,
      signed(zendeskEvent.replace('35436', '1'), { at: new Date(Date.now() - 3_600_000) }),
    ]) {
      const response = await t.app.request('/webhooks/zendesk', request)
      assert.equal(response.status, 401)
      assert.equal((await readJson(response)).error.code, 'unauthorized')
    }
    const unsigned = await t.app.request('/webhooks/zendesk', {
      method: 'POST',
      body: zendeskEvent,
    })
    assert.equal(unsigned.status, 401)
    assert.equal(await tickets(), before)
  })

  it('answers 404 for an unknown vendor and 401 for a vendor without a configured secret', async () => {
    assert.equal((await t.app.request('/webhooks/acme', signed('{}'))).status, 404)
    const intercom = await t.app.request('/webhooks/intercom', { method: 'POST', body: '{}' })
    assert.equal(intercom.status, 401)
    assert.match((await readJson(intercom)).error.message, /WEBHOOK_SECRET_INTERCOM/)
  })

  it('answers 400 naming the field for a signed payload that lacks what we need', async () => {
    const response = await t.app.request(
      '/webhooks/zendesk',
      signed('{"type":"zen:event-type:ticket.created","detail":{}}'),
    )
    assert.equal(response.status, 400)
    const { error } = await readJson(response)
    assert.match(error.details[0].field, /^body\./)
  })

  it('answers 400 for signed bytes that are not JSON', async () => {
    const response = await t.app.request('/webhooks/zendesk', signed('{not json'))
    assert.equal(response.status, 400)
  })
})
