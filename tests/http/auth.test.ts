import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createApiKey, revokeApiKey } from '../../app/core/auth/api-keys.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

describe('API keys', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 1 })
  })
  after(() => t.close())

  it('stores only a hash of the key', async () => {
    const rows = await t.deps.db.query<{ key_hash: string }>(
      `SELECT key_hash FROM api_keys WHERE name = 'tests'`,
    )
    assert.match(rows[0]?.key_hash ?? '', /^[0-9a-f]{64}$/)
    assert.notEqual(rows[0]?.key_hash, t.apiKey)
  })

  it('accepts Bearer and x-api-key, and keeps /health, /openapi.json and /docs open', async () => {
    const viaHeader = await t.app.request('/customers/CUST-00001/context', {
      headers: { 'x-api-key': t.apiKey },
    })
    assert.equal(viaHeader.status, 200)
    for (const path of ['/health', '/openapi.json', '/docs'])
      assert.equal((await t.app.request(path)).status, 200, path)
  })

  it('limits each key with a token bucket: 429 with Retry-After once the burst is spent', async () => {
    const { key } = await createApiKey(t.deps.db, { name: 'tiny', ratePerMinute: 1, burst: 2 })
    const call = () =>
      t.app.request('/customers/CUST-00001/context', {
        headers: { authorization: `Bearer ${key}` },
      })
    assert.equal((await call()).status, 200)
    assert.equal((await call()).status, 200)
    const limited = await call()
    assert.equal(limited.status, 429)
    assert.equal((await readJson(limited)).error.code, 'rate_limited')
    assert.ok(Number(limited.headers.get('retry-after')) >= 1)
  })

  it('refuses a duplicate name and forgets a revoked key (after the lookup cache)', async () => {
    await assert.rejects(
      createApiKey(t.deps.db, { name: 'tiny', ratePerMinute: 1, burst: 1 }),
      /already exists/,
    )
    const { key } = await createApiKey(t.deps.db, { name: 'revoked', ratePerMinute: 60, burst: 5 })
    assert.equal(await revokeApiKey(t.deps.db, 'revoked'), true)
    const response = await t.app.request('/customers/CUST-00001/context', {
      headers: { authorization: `Bearer ${key}` },
    })
    assert.equal(response.status, 401)
  })
})
