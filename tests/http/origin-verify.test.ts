import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

const SECRET = 'edge-origin-secret-0123456789abcdef0123'

describe('ORIGIN_VERIFY_SECRET: only requests through the edge', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 1, env: { ORIGIN_VERIFY_SECRET: SECRET } })
  })
  after(() => t.close())

  it('refuses a request without the header, or with a wrong one, with 403 in the error shape', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-origin-verify': 'nope' },
      { 'x-origin-verify': `${SECRET}x` },
    ]
    for (const headers of attempts) {
      const response = await t.app.request('/health', { headers })
      assert.equal(response.status, 403)
      const body = await readJson(response)
      assert.equal(body.error.code, 'forbidden')
      assert.equal(body.error.correlation_id, response.headers.get('x-correlation-id'))
    }
  })

  it('checks the header before credentials, and lets the right one through to them', async () => {
    const anonymous = await t.app.request('/tickets/api:ANY-1/context', {
      headers: { 'x-origin-verify': SECRET },
    })
    assert.equal(anonymous.status, 401)
    const health = await t.app.request('/health', { headers: { 'x-origin-verify': SECRET } })
    assert.equal(health.status, 200)
  })

  it('is off when the setting is absent (embedded mode)', async () => {
    const open = await createTestApp({ customers: 1 })
    try {
      assert.equal((await open.app.request('/health')).status, 200)
    } finally {
      await open.close()
    }
  })
})
