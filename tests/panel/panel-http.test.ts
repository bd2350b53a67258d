import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { mintPanelToken } from '../../app/core/panel/token.ts'
import { completeTicket, findTicket } from '../../app/core/tickets/ticket-store.ts'
import type { TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'
import {
  createPanelApp,
  mintToken,
  PANEL_SECRET,
  pagePath,
  postJson,
  seedTicket,
  verdictsOf,
} from './helpers.ts'

const HTML = { accept: 'text/html,application/xhtml+xml' }

describe('agent panel over app.request', () => {
  let t: TestApp
  let ticketId: string
  before(async () => {
    t = await createPanelApp()
    ticketId = await seedTicket(t, { external_ticket_id: 'PANEL-1' })
  })
  after(() => t.close())

  it('mints a token with the API key only, answering the token, its expiry and the page URL', async () => {
    const started = Date.now()
    const minted = await mintToken(t, ticketId)
    assert.match(minted.token, /^pt1\./)
    const ttl = (Date.parse(minted.expires_at) - started) / 1000
    assert.ok(ttl > 895 && ttl <= 901, `default TTL 900 s, got ${ttl}`)
    const url = new URL(minted.url)
    assert.equal(url.pathname, `/panel/tickets/${ticketId}`)
    assert.equal(url.searchParams.get('token'), minted.token)
    const short = await mintToken(t, 'zendesk:35436', { ttlSeconds: 60 })
    assert.ok(Date.parse(short.expires_at) - Date.now() <= 60_000)
    const body = { ticket_id: ticketId, agent_id: 'agent-7' }
    const anonymous = await postJson(t.app.request.bind(t.app), '/panel/tokens', body)
    assert.equal(anonymous.status, 401)
    assert.equal((await readJson(anonymous)).error.code, 'unauthorized')
    for (const bad of [
      { ...body, ticket_id: '<x>' },
      { ...body, agent_id: '' },
      { ...body, ttl_seconds: 5 },
    ]) {
      const response = await postJson(t.request, '/panel/tokens', bad)
      assert.equal(response.status, 400)
    }
  })

  it('serves the page with a nonce CSP, the configured frame-ancestors and no-referrer', async () => {
    const { url } = await mintToken(t, ticketId)
    const response = await t.app.request(pagePath(url), { headers: HTML })
    assert.equal(response.status, 200)
    const csp = response.headers.get('content-security-policy') ?? ''
    const nonce = csp.match(/script-src 'nonce-([A-Za-z0-9+/=]+)'/)?.[1]
    assert.ok(nonce, csp)
    assert.match(csp, /(^|; )default-src 'none'(;|$)/)
    assert.match(csp, new RegExp(`style-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`))
    assert.match(
      csp,
      /frame-ancestors 'self' https:\/\/\*\.zendesk\.com https:\/\/\*\.freshdesk\.com/,
    )
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer')
    assert.equal(response.headers.get('x-frame-options'), null)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const html = await response.text()
    assert.equal(html.match(/<script\b/g)?.length, 1)
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/]/g, '\\$&')}">`))
    assert.match(html, new RegExp(`<style nonce="${nonce.replace(/[+/]/g, '\\$&')}">`))
    assert.doesNotMatch(html, /\sstyle="/, 'inline style attributes would be blocked by the CSP')
    assert.doesNotMatch(html, new RegExp(t.apiKey), 'no API key in the page')
    assert.doesNotMatch(html, /pt1\./, 'the token is read from the URL, not written into the page')
  })

  it('shows the customer at a glance and marked suggestions, in one transfer under 50 KB', async () => {
    const { url } = await mintToken(t, ticketId)
    const html = await (await t.app.request(pagePath(url), { headers: HTML })).text()
    assert.ok(Buffer.byteLength(html) < 50_000, `page is ${Buffer.byteLength(html)} bytes`)
    assert.doesNotMatch(html, /\s(src|href)=/, 'no further assets to fetch')
    for (const expected of [
      'Mateo Larsen',
      'Churn risk: high',
      'negative sentiment',
      'Suggested <strong>urgent</strong>',
      'role="img"',
      'Recent orders',
      'Open tickets',
      '<mark>password</mark>',
      'data-verdict="helpful"',
      'Copy passage',
    ])
      assert.ok(html.includes(expected), `page shows ${expected}`)
    assert.doesNotMatch(html, /http-equiv="refresh"/, 'a ready ticket does not refresh')
  })

  it('escapes hostile ticket text everywhere it appears', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\' password'
    const id = await seedTicket(t, { external_ticket_id: 'PANEL-XSS', subject: hostile })
    const { url } = await mintToken(t, id)
    const html = await (await t.app.request(pagePath(url), { headers: HTML })).text()
    assert.equal(html.match(/<script\b/g)?.length, 1, 'only the nonced script')
    assert.doesNotMatch(html, /<img|<script>alert/)
    assert.ok(
      html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'),
    )
  })

  it('refuses a missing, forged, expired or other-ticket token: a 401 page for browsers, JSON otherwise', async () => {
    const other = await seedTicket(t, { external_ticket_id: 'PANEL-OTHER' }, { processed: false })
    const { token: otherToken } = await mintToken(t, other)
    const expired = mintPanelToken(
      PANEL_SECRET,
      { ticketId, agentId: 'agent-7', ttlSeconds: 60 },
      new Date(Date.now() - 3_600_000),
    ).token
    const { token } = await mintToken(t, ticketId)
    const cases: [string, RegExp][] = [
      ['', /Missing panel token/],
      [`?token=${token.slice(0, -2)}xx`, /Invalid panel token/],
      [`?token=${expired}`, /expired/],
      [`?token=${otherToken}`, /another ticket/],
    ]
    for (const [query, message] of cases) {
      const page = await t.app.request(`/panel/tickets/${ticketId}${query}`, { headers: HTML })
      assert.equal(page.status, 401, query)
      assert.match(page.headers.get('content-type') ?? '', /text\/html/)
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors/)
      const html = await page.text()
      assert.match(html, message)
      assert.ok(html.includes(page.headers.get('x-correlation-id') ?? 'missing'))
      const api = await t.app.request(`/panel/tickets/${ticketId}${query}`)
      assert.equal(api.status, 401)
      const body = await readJson(api)
      assert.equal(body.error.code, 'unauthorized')
      assert.match(body.error.message, message)
      assert.equal(body.error.correlation_id, api.headers.get('x-correlation-id'))
    }
    const withApiKeyOnly = await t.request(`/panel/tickets/${ticketId}`)
    assert.equal(withApiKeyOnly.status, 401, 'an API key does not open the page')
  })

  it('records feedback from the token’s agent, never the API key', async () => {
    const { token } = await mintToken(t, ticketId, { agentId: 'agent-panel' })
    const chunk_id = (await findTicket(t.deps.db, ticketId))?.context?.suggestions[0]?.chunk_id
    assert.ok(chunk_id)
    const path = `/panel/tickets/${ticketId}/feedback`
    const send = t.app.request.bind(t.app)
    const body = { feedback: [{ chunk_id, verdict: 'helpful' }] }
    const ok = await postJson(send, path, body, { authorization: `Bearer ${token}` })
    assert.equal(ok.status, 200)
    assert.deepEqual(await readJson(ok), { ticket_id: ticketId, recorded: 1 })
    assert.deepEqual(await verdictsOf(t, ticketId, 'agent-panel'), [
      { chunk_id, verdict: 'helpful' },
    ])
    assert.equal((await postJson(t.request, path, body)).status, 401, 'API key alone')
    const { token: otherToken } = await mintToken(t, 'zendesk:1', { agentId: 'agent-panel' })
    const other = await postJson(send, path, body, { authorization: `Bearer ${otherToken}` })
    assert.equal(other.status, 401)
    const twice = { feedback: [body.feedback[0], body.feedback[0]] }
    const dup = await postJson(send, path, twice, { authorization: `Bearer ${token}` })
    assert.equal(dup.status, 400)
    const withAgent = { ...body, agent_id: 'someone-else' }
    const spoof = await postJson(send, path, withAgent, { authorization: `Bearer ${token}` })
    assert.equal(spoof.status, 400, 'the agent comes from the token only')
    const page = await t.app.request(`/panel/tickets/${ticketId}?token=${token}`, { headers: HTML })
    assert.match(await page.text(), /aria-pressed="true">\s*Helpful/, 'the page shows the verdict')
  })

  it('says the ticket is still processing and refreshes itself', async () => {
    const id = await seedTicket(t, { external_ticket_id: 'PANEL-PENDING' }, { processed: false })
    const { url } = await mintToken(t, id)
    const html = await (await t.app.request(pagePath(url), { headers: HTML })).text()
    assert.match(html, /<meta http-equiv="refresh" content="5"\/?>/)
    assert.match(html, /Still processing this ticket/)
  })

  it('names degraded parts and an unknown customer', async () => {
    const unknown = await seedTicket(t, {
      external_ticket_id: 'PANEL-UNKNOWN',
      customer_external_id: 'CUST-99999',
    })
    const page = await t.app.request(pagePath((await mintToken(t, unknown)).url), { headers: HTML })
    assert.match(await page.text(), /Unknown customer: no customer matches CUST-99999/)
    const degraded = await seedTicket(t, { external_ticket_id: 'PANEL-DEG' }, { processed: false })
    const ticket = await findTicket(t.deps.db, degraded)
    assert.ok(ticket)
    const context = {
      customer: null,
      customer_found: true,
      suggestions: [],
      ticket_sentiment: 0,
      suggested_priority: { priority: 'normal' as const, raised: false, reasons: [] },
      degraded: ['customer', 'knowledge_base'],
      generated_at: new Date().toISOString(),
    }
    await completeTicket(t.deps.db, degraded, ticket.contentHash, context, 5)
    const html = await (
      await t.app.request(pagePath((await mintToken(t, degraded)).url), { headers: HTML })
    ).text()
    assert.match(html, /Customer details are missing/)
    assert.match(html, /Knowledge suggestions are missing/)
    assert.doesNotMatch(html, /No help article matches/)
  })

  it('answers a valid token for a ticket not here yet with a 404 page that retries', async () => {
    const { url } = await mintToken(t, 'zendesk:404404')
    const page = await t.app.request(pagePath(url), { headers: HTML })
    assert.equal(page.status, 404)
    assert.match(await page.text(), /http-equiv="refresh"/)
  })
})

describe('agent panel without PANEL_TOKEN_SECRET', () => {
  it('warns that tokens will not survive a restart, still works, and builds URLs on PUBLIC_BASE_URL', async () => {
    const t = await createPanelApp({
      secret: false,
      env: {
        PUBLIC_BASE_URL: 'https://support.example.com',
        PANEL_FRAME_ANCESTORS: "'self' https://acme.zendesk.com",
      },
    })
    try {
      assert.ok(t.logs.some((line) => /"level":"warn".*PANEL_TOKEN_SECRET/.test(line)))
      const id = await seedTicket(t, { external_ticket_id: 'PANEL-NOSECRET' }, { processed: false })
      const { url } = await mintToken(t, id)
      assert.ok(url.startsWith(`https://support.example.com/panel/tickets/${id}?token=pt1.`))
      const page = await t.app.request(pagePath(url), { headers: HTML })
      assert.equal(page.status, 200)
      assert.match(
        page.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'self' https:\/\/acme\.zendesk\.com$/,
      )
    } finally {
      await t.close()
    }
  })
})
