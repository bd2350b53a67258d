import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

async function assertErrorShape(response: Response, status: number, code: string) {
  assert.equal(response.status, status)
  assert.match(response.headers.get('content-type') ?? '', /application\/json/)
  const body = await readJson(response)
  assert.equal(body.error.code, code)
  assert.equal(typeof body.error.message, 'string')
  assert.equal(body.error.correlation_id, response.headers.get('x-correlation-id'))
  return body
}

describe('cross-cutting HTTP behaviour', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ env: { MAX_BODY_BYTES: '1024' }, customers: 5 })
  })
  after(() => t.close())

  it('answers an unknown path with 404 in the error shape', async () => {
    await assertErrorShape(await t.request('/no/such/thing'), 404, 'not_found')
  })

  it('answers a wrong method with 405 and the Allow header', async () => {
    const response = await t.request('/customers/CUST-00001/context', { method: 'DELETE' })
    await assertErrorShape(response, 405, 'method_not_allowed')
    assert.equal(response.headers.get('allow'), 'GET')
  })

  it('answers an oversized body with 413, closing the connection it did not read to the end', async () => {
    const response = await t.request('/health', {
      method: 'POST',
      body: 'x'.repeat(2048),
      headers: { 'content-type': 'text/plain' },
    })
    assert.equal(response.headers.get('connection'), 'close')
    await assertErrorShape(response, 413, 'payload_too_large')
  })

  it('echoes a well-formed correlation id', async () => {
    const id = 'zendesk-12345-abcdef'
    const response = await t.request('/health', { headers: { 'x-correlation-id': id } })
    assert.equal(response.headers.get('x-correlation-id'), id)
    assert.ok(t.logs.some((line) => JSON.parse(line).correlation_id === id))
  })

  it('writes one line per request with its id, route, status and time; a handler’s lines carry the id too', async () => {
    const id = 'agent-desk-000042'
    const response = await t.request('/customers/CUST-00001/context', {
      headers: { 'x-correlation-id': id },
    })
    assert.equal(response.status, 200)
    const own = t.logs.map((line) => JSON.parse(line)).filter((l) => l.correlation_id === id)
    const requestLines = own.filter((line) => line.message === 'request')
    assert.equal(requestLines.length, 1)
    const { time, duration_ms, ...line } = requestLines[0]
    assert.deepEqual(line, {
      level: 'info',
      message: 'request',
      correlation_id: id,
      method: 'GET',
      route: '/customers/:external_id/context',
      status: 200,
    })
    assert.ok(typeof duration_ms === 'number' && duration_ms >= 0 && typeof time === 'string')
    // Read again: served from the customer cache, which the handler logs through c.var.logger.
    await t.request('/customers/CUST-00001/context', { headers: { 'x-correlation-id': `${id}-2` } })
    const handlerLine = t.logs
      .map((raw) => JSON.parse(raw))
      .find((l) => l.message === 'customer context cache hit')
    assert.equal(handlerLine?.correlation_id, `${id}-2`)
  })

  for (const bad of ['short', 'a'.repeat(200), '<script>alert(1)</script>', 'id with spaces ok?']) {
    it(`replaces the malformed correlation id "${bad.slice(0, 16)}" and never logs it`, async () => {
      const response = await t.request('/health', { headers: { 'x-correlation-id': bad } })
      const issued = response.headers.get('x-correlation-id') ?? ''
      assert.notEqual(issued, bad)
      assert.match(issued, /^[0-9a-f-]{36}$/)
      assert.ok(!t.logs.some((line) => line.includes(bad)))
    })
  }

  it('answers 500 without internals when something unexpected throws', async () => {
    const original = t.deps.customerContexts.get
    t.deps.customerContexts.get = async () => {
      throw new Error('secret internal detail')
    }
    try {
      const response = await t.request('/customers/CUST-00001/context')
      const body = await assertErrorShape(response, 500, 'internal')
      assert.ok(!JSON.stringify(body).includes('secret internal detail'))
    } finally {
      t.deps.customerContexts.get = original
    }
  })
})
