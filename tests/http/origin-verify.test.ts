import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'
import { ticketRequest } from '../helpers/tickets.ts'

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

  it('builds public links on the host the edge forwarded', async () => {
    const edge = { 'x-origin-verify': SECRET, 'content-type': 'application/json' }
    const intake = await t.request('/tickets', {
      method: 'POST',
      headers: edge,
      body: JSON.stringify(ticketRequest({ external_ticket_id: 'EDGE-1' })),
    })
    const ticketId = (await readJson(intake)).ticket_id
    const minted = await t.request('/panel/tokens', {
      method: 'POST',
      headers: { ...edge, 'x-forwarded-host': 'd111111abcdef8.cloudfront.net' },
      body: JSON.stringify({ ticket_id: ticketId, agent_id: 'agent-1' }),
    })
    assert.equal(minted.status, 200)
    const { url } = await readJson(minted)
    assert.match(url, /^https:\/\/d111111abcdef8\.cloudfront\.net\/panel\/tickets\//)
  })

  it('is off when the setting is absent (embedded mode), and x-forwarded-host is not trusted', async () => {
    const open = await createTestApp({ customers: 1 })
    try {
      assert.equal((await open.app.request('/health')).status, 200)
      const intake = await open.request('/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ticketRequest({ external_ticket_id: 'EDGE-2' })),
      })
      const minted = await open.request('/panel/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-host': 'evil.example' },
        body: JSON.stringify({ ticket_id: (await readJson(intake)).ticket_id, agent_id: 'a' }),
      })
      const { url } = await readJson(minted)
      assert.doesNotMatch(url, /evil\.example/)
    } finally {
      await open.close()
    }
  })
})

describe('ORIGIN_VERIFY_SECRET_PREVIOUS: a rotation without 403s', () => {
  const PREVIOUS = 'edge-origin-secret-previous-0123456789ab'
  let t: TestApp
  before(async () => {
    t = await createTestApp({
      customers: 1,
      env: { ORIGIN_VERIFY_SECRET: SECRET, ORIGIN_VERIFY_SECRET_PREVIOUS: PREVIOUS },
    })
  })
  after(() => t.close())

  it('accepts the new value and the previous one, and still refuses any other', async () => {
    for (const value of [SECRET, PREVIOUS]) {
      const response = await t.app.request('/health', { headers: { 'x-origin-verify': value } })
      assert.equal(response.status, 200, value)
    }
    const refused: Record<string, string>[] = [
      {},
      { 'x-origin-verify': `${PREVIOUS}x` },
      { 'x-origin-verify': '' },
    ]
    for (const headers of refused) {
      const response = await t.app.request('/health', { headers })
      assert.equal(response.status, 403)
    }
  })
})
