import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

describe('GET /health', () => {
  it('reports the database up with its latency, and 503 once it is unreachable', async () => {
    const t = await createTestApp({ customers: 1 })
    const healthy = await t.request('/health')
    assert.equal(healthy.status, 200)
    const body = await readJson(healthy)
    assert.equal(body.status, 'ok')
    assert.equal(body.checks.database.status, 'up')
    assert.equal(body.checks.database.kind, 'pglite')
    assert.equal(typeof body.checks.database.latency_ms, 'number')

    await t.close()
    const down = await t.request('/health')
    assert.equal(down.status, 503)
    const downBody = await readJson(down)
    assert.equal(downBody.status, 'unavailable')
    assert.equal(downBody.checks.database.status, 'down')
  })
})
