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
