import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { processTicket } from '../../app/core/tickets/process-ticket.ts'
import { TicketResponseSchema } from '../../app/http/schemas/ticket.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'
import { ticketRequest } from '../helpers/tickets.ts'

const post = (t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('tickets HTTP API', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 5, env: { MAX_BODY_BYTES: '65536' } })
    await t.deps.knowledgeBase.startSync('manual')
    await t.deps.syncRunner.idle()
  })
  after(() => t.close())
  const ticketCount = async () =>
    (await t.deps.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM tickets'))[0]?.n ?? 0

  it('accepts a ticket with 202, answers a retry with 200 and the same id', async () => {
    const first = await post(t, '/tickets', ticketRequest({ external_ticket_id: 'HTTP-1' }))
    assert.equal(first.status, 202)
    const body = await readJson(first)
    assert.equal(body.status, 'received')
    assert.equal(body.outcome, 'created')
    assert.match(body.ticket_id, /^tkt_/)
    assert.equal(body.correlation_id, first.headers.get('x-correlation-id'))
    const retry = await post(t, '/tickets', ticketRequest({ external_ticket_id: 'HTTP-1' }))
    assert.equal(retry.status, 200)
    assert.equal((await readJson(retry)).ticket_id, body.ticket_id)
  })

  it('serves the context on demand before the worker ran, then the stored one, by either id', async () => {
    const accepted = await readJson(
      await post(t, '/tickets', ticketRequest({ external_ticket_id: 'HTTP-2' })),
    )
    const { ticket_id } = accepted
    const early = await t.request(`/tickets/${ticket_id}/context`)
    assert.equal(early.status, 200)
    assert.equal(early.headers.get('cache-control'), 'no-store')
    const onDemand = TicketResponseSchema.parse(await readJson(early))
    assert.equal(onDemand.computed_on_demand, true)
    assert.equal(onDemand.status, 'received')
    // The body names the id the ticket was accepted under; the header, this request's own.
    assert.equal(onDemand.correlation_id, accepted.correlation_id)
    assert.notEqual(early.headers.get('x-correlation-id'), accepted.correlation_id)
    await processTicket(t.deps.processing, {
      ticketId: ticket_id,
      correlationId: 'corr-http-00002',
    })
    const ready = await t.request('/tickets/api:HTTP-2/context')
    assert.equal(ready.headers.get('cache-control'), 'public, max-age=30')
    assert.equal(ready.headers.get('vary'), 'authorization, x-api-key')
    const stored = TicketResponseSchema.parse(await readJson(ready))
    assert.equal(stored.status, 'ready')
    assert.equal(stored.computed_on_demand, false)
    assert.equal(stored.ticket_id, ticket_id)
    assert.equal(stored.correlation_id, accepted.correlation_id)
    assert.equal(stored.customer?.customer.external_id, 'CUST-00002')
    assert.ok(stored.suggestions.length > 0)
    assert.equal(typeof stored.processing_time_ms, 'number')
  })

  it('reuses a ready context it just read, and forgets it when an update arrives', async () => {
    const request = ticketRequest({ external_ticket_id: 'HTTP-CACHE' })
    const { ticket_id } = await readJson(await post(t, '/tickets', request))
    await processTicket(t.deps.processing, { ticketId: ticket_id, correlationId: 'corr-cache-01' })
    const firstResponse = await t.request(`/tickets/${ticket_id}/context`, {
      headers: { 'x-correlation-id': 'reader-one-0001' },
    })
    const firstBytes = await firstResponse.text()
    const first = JSON.parse(firstBytes)
    assert.equal(first.status, 'ready')
    // The row changes behind the process's back: the read within the TTL does not see it.
    await t.deps.db.query("UPDATE tickets SET status = 'failed' WHERE id = $1", [ticket_id])
    const reusedResponse = await t.request(`/tickets/${ticket_id}/context`, {
      headers: { 'x-correlation-id': 'reader-two-0002' },
    })
    const reusedBytes = await reusedResponse.text()
    assert.equal(JSON.parse(reusedBytes).status, 'ready')
    // Every reader gets the same answer, as an edge cache would replay it; only the header is
    // each request's own.
    assert.equal(reusedBytes, firstBytes)
    assert.equal(firstResponse.headers.get('x-correlation-id'), 'reader-one-0001')
    assert.equal(reusedResponse.headers.get('x-correlation-id'), 'reader-two-0002')
    // An update through this process forgets the ticket at once, under either reference.
    const updated = await post(t, '/tickets', { ...request, description: 'More details.' })
    assert.equal((await readJson(updated)).outcome, 'updated')
    for (const reference of [ticket_id, 'api:HTTP-CACHE']) {
      const fresh = await readJson(await t.request(`/tickets/${reference}/context`))
      assert.equal(fresh.status, 'received')
      assert.equal(fresh.computed_on_demand, true)
    }
  })

  it('records feedback, replaces an agent’s earlier verdict, and summarises it per document', async () => {
    const { ticket_id } = await readJson(
      await post(t, '/tickets', ticketRequest({ external_ticket_id: 'HTTP-3' })),
    )
    await processTicket(t.deps.processing, {
      ticketId: ticket_id,
      correlationId: 'corr-http-00003',
    })
    const { suggestions } = await readJson(await t.request(`/tickets/${ticket_id}/context`))
    const chunk_id = suggestions[0].chunk_id
    const verdict = (v: string) =>
      post(t, `/tickets/${ticket_id}/feedback`, {
        agent_id: 'agent-7',
        feedback: [{ chunk_id, verdict: v }],
      })
    assert.equal((await verdict('not_helpful')).status, 200)
    assert.equal((await verdict('used_in_reply')).status, 200)
    await post(t, `/tickets/${ticket_id}/feedback`, {
      agent_id: 'agent-8',
      feedback: [{ chunk_id, verdict: 'helpful' }],
    })
    const summary = await readJson(await t.request('/kb/feedback/summary'))
    const row = summary.find(
      (r: { document_key: string }) => r.document_key === suggestions[0].document_key,
    )
    assert.deepEqual(row, {
      document_key: suggestions[0].document_key,
      helpful: 1,
      not_helpful: 0,
      used_in_reply: 1,
      helpful_rate: 1,
    })
  })

  it('answers 404 for an unknown ticket, and 400 naming the field for a malformed reference', async () => {
    const response = await t.request('/tickets/zendesk:404404/context')
    assert.equal(response.status, 404)
    assert.equal((await readJson(response)).error.code, 'not_found')
    const malformed = await t.request('/tickets/not%20a%20reference/context')
    assert.equal(malformed.status, 400)
    const { error } = await readJson(malformed)
    assert.equal(error.correlation_id, malformed.headers.get('x-correlation-id'))
    assert.equal(error.code, 'invalid_request')
    assert.equal(error.details[0].field, 'params.id')
  })

  const bad: [string, string | object, number, string | undefined][] = [
    ['invalid JSON', '{"subject": ', 400, undefined],
    ['a wrong type', { ...ticketRequest(), subject: 42 }, 400, 'body.subject'],
    [
      'a missing field',
      { ...ticketRequest(), customer_external_id: undefined },
      400,
      'body.customer_external_id',
    ],
    ['an unknown enum value', { ...ticketRequest(), channel: 'fax' }, 400, 'body.channel'],
    ['an unknown field', { ...ticketRequest(), surprise: true }, 400, 'body'],
    ['a bad timestamp', { ...ticketRequest(), created_at: 'yesterday' }, 400, 'body.created_at'],
    ['an oversized body', { ...ticketRequest(), description: 'x'.repeat(70_000) }, 413, undefined],
  ]
  for (const [name, body, status, field] of bad) {
    it(`rejects ${name} with ${status} in the error shape and stores nothing`, async () => {
      const before = await ticketCount()
      const response = await post(t, '/tickets', body)
      assert.equal(response.status, status)
      const { error } = await readJson(response)
      assert.ok(error.correlation_id)
      if (field) assert.equal(error.details[0].field, field)
      assert.equal(await ticketCount(), before)
    })
  }

  it('rejects a non-JSON content type with 400 or 415 and stores nothing', async () => {
    const before = await ticketCount()
    const response = await post(t, '/tickets', 'subject=x', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    assert.ok([400, 415].includes(response.status), String(response.status))
    assert.equal(await ticketCount(), before)
  })

  it('refuses a missing or wrong API key with 401 and stores nothing', async () => {
    const before = await ticketCount()
    const missing = await t.app.request('/tickets', {
      method: 'POST',
      body: JSON.stringify(ticketRequest()),
    })
    assert.equal(missing.status, 401)
    assert.equal((await readJson(missing)).error.code, 'unauthorized')
    const wrong = await t.app.request('/customers/CUST-00001/context', {
      headers: { authorization: 'Bearer sk_wrong' },
    })
    assert.equal(wrong.status, 401)
    assert.equal(await ticketCount(), before)
  })
})

describe('tickets HTTP API, once the ready-context cache time has run out', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 3, env: { CONTEXT_READY_CACHE_MS: '150' } })
  })
  after(() => t.close())

  it('shows a ticket another process took back to work, and keeps showing its progress', async () => {
    const request = ticketRequest({
      external_ticket_id: 'HTTP-EXPIRY',
      customer_external_id: 'CUST-00001',
    })
    const { ticket_id } = await readJson(await post(t, '/tickets', request))
    await processTicket(t.deps.processing, { ticketId: ticket_id, correlationId: 'corr-expiry-01' })
    assert.equal((await readJson(await t.request(`/tickets/${ticket_id}/context`))).status, 'ready')
    // Another process (a worker elsewhere) takes the ticket back: every write bumps updated_at.
    await t.deps.db.query(
      "UPDATE tickets SET status = 'processing', updated_at = now() WHERE id = $1",
      [ticket_id],
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    for (const attempt of [1, 2]) {
      const answer = await t.request(`/tickets/${ticket_id}/context`)
      const body = await readJson(answer)
      assert.equal(body.status, 'processing', `read ${attempt}`)
      assert.equal(body.computed_on_demand, true)
      assert.equal(answer.headers.get('cache-control'), 'no-store')
    }
  })
})
