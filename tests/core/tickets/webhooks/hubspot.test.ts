import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, it } from 'node:test'
import { hubSpotAdapter } from '../../../../app/core/tickets/webhooks/hubspot.ts'
import { fixtureBytes, payload } from './fixtures.ts'

const TOKEN = 'pat-na1-test-token'
const TICKET_ID = '1895413337'
const QUERY =
  'properties=subject,content,hs_ticket_priority,createdate,hs_lastmodifieddate,hs_pipeline,hs_pipeline_stage,hs_ticket_category,source_type&associations=contacts'

/** A local stand-in for api.hubapi.com: serves the recorded ticket object for one id. */
function fakeHubSpot(requests: IncomingMessage[], served: { body: Uint8Array }): Server {
  return createServer((request, response) => {
    requests.push(request)
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end('{"status":"error","category":"INVALID_AUTHENTICATION"}')
    } else if (url.pathname === `/crm/v3/objects/tickets/${TICKET_ID}`) {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(served.body)
    } else {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end('{"status":"error","category":"OBJECT_NOT_FOUND"}')
    }
  })
}

describe('hubspot ticket webhooks (against a local fake of the CRM API)', () => {
  const requests: IncomingMessage[] = []
  const served = { body: fixtureBytes('payloads/hubspot-ticket-object-with-contact.json') }
  const server = fakeHubSpot(requests, served)
  let baseUrl = ''
  const normalise = (body: unknown, token = TOKEN) =>
    hubSpotAdapter.normalise(body, { headers: {}, hubspot: { token, baseUrl } })

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  beforeEach(() => {
    requests.length = 0
    served.body = fixtureBytes('payloads/hubspot-ticket-object-with-contact.json')
  })

  it('fetches the ticket with the exact path, query and token, and maps it exactly', async () => {
    const result = await normalise(payload('hubspot-ticket.creation.json'))
    assert.equal(requests.length, 1)
    const [request] = requests
    assert.equal(request?.method, 'GET')
    assert.equal(request?.url, `/crm/v3/objects/tickets/${TICKET_ID}?${QUERY}`)
    assert.equal(request?.headers.authorization, `Bearer ${TOKEN}`)
    assert.deepEqual(result, {
      ok: true,
      outcome: 'tickets',
      tickets: [
        {
          source: 'hubspot',
          external_ticket_id: TICKET_ID,
          customer_external_id: 'hubspot:1501',
          subject: 'troubleshoot report',
          description: 'Here are the details of the ticket.',
          channel: 'web',
          priority: 'high',
          created_at: '2024-05-22T15:00:55.873Z',
          updated_at: '2024-05-22T15:00:56.412Z',
          metadata: {
            event_type: 'ticket.creation',
            event_id: '1784572431',
            portal_id: '62515',
            pipeline: '0',
            pipeline_stage: '1',
          },
        },
      ],
    })
  })

  it('rejects the recorded object without associations, naming associations.contacts', async () => {
    served.body = fixtureBytes('payloads/hubspot-ticket-object.json')
    const result = await normalise(payload('hubspot-ticket.creation.json'))
    assert.equal(!result.ok && result.field, 'associations.contacts')
  })

  it('fetches each ticket of a batch once', async () => {
    const [event] = payload<Record<string, unknown>[]>('hubspot-ticket.creation.json')
    const change = { ...event, eventId: 2, subscriptionType: 'ticket.propertyChange' }
    const result = await normalise([
      event,
      change,
      { ...event, subscriptionType: 'contact.creation' },
    ])
    assert.equal(requests.length, 1)
    assert.equal(result.ok && result.outcome === 'tickets' && result.tickets.length, 1)
  })

  it('answers a not-retryable rejection when HubSpot has no such ticket (404)', async () => {
    const [event] = payload<Record<string, unknown>[]>('hubspot-ticket.creation.json')
    const result = await normalise([{ ...event, objectId: 42 }])
    assert.equal(requests[0]?.url?.split('?')[0], '/crm/v3/objects/tickets/42')
    assert.deepEqual(result, {
      ok: false,
      reason: 'HubSpot answered 404 for ticket 42',
      field: 'objectId',
      retryable: false,
    })
  })

  it('answers a retryable rejection when HubSpot refuses the token (401)', async () => {
    const result = await normalise(payload('hubspot-ticket.creation.json'), 'wrong-token')
    assert.equal(requests[0]?.headers.authorization, 'Bearer wrong-token')
    assert.deepEqual(result, {
      ok: false,
      reason: `HubSpot answered 401 for ticket ${TICKET_ID}`,
      field: 'objectId',
      retryable: true,
    })
  })

  it('answers a retryable rejection when HubSpot cannot be reached', async () => {
    const closed = `http://127.0.0.1:1`
    const result = await hubSpotAdapter.normalise(payload('hubspot-ticket.creation.json'), {
      headers: {},
      hubspot: { token: TOKEN, baseUrl: closed },
    })
    assert.equal(!result.ok && result.retryable, true)
  })

  it('ignores a batch without ticket events, without calling HubSpot', async () => {
    const [event] = payload<Record<string, unknown>[]>('hubspot-ticket.creation.json')
    const result = await normalise([{ ...event, subscriptionType: 'contact.creation' }])
    assert.equal(result.ok && result.outcome, 'ignored')
    assert.equal(requests.length, 0)
  })

  it('rejects a body that is not an array, and a missing API configuration', async () => {
    const notArray = await normalise({ objectId: 1 })
    assert.equal(!notArray.ok && notArray.field, 'body')
    const unconfigured = await hubSpotAdapter.normalise(payload('hubspot-ticket.creation.json'), {
      headers: {},
    })
    assert.equal(!unconfigured.ok && unconfigured.retryable, true)
  })

  it('uses an injected fetch when one is given', async () => {
    const calls: string[] = []
    const fetch: typeof globalThis.fetch = async (input) => {
      calls.push(String(input))
      return new Response(fixtureBytes('payloads/hubspot-ticket-object-with-contact.json'))
    }
    const result = await hubSpotAdapter.normalise(payload('hubspot-ticket.creation.json'), {
      headers: {},
      hubspot: { token: TOKEN, fetch },
    })
    assert.deepEqual(calls, [`https://api.hubapi.com/crm/v3/objects/tickets/${TICKET_ID}?${QUERY}`])
    assert.equal(result.ok && result.outcome, 'tickets')
  })
})
