import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { mintPanelToken } from '../../app/core/panel/token.ts'
import { processTicket } from '../../app/core/tickets/process-ticket.ts'
import type { TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'
import {
  chromiumUnavailable,
  inPage,
  launchChromium,
  listen,
  lowContrastTexts,
  skipBrowser,
} from './browser.ts'
import { createPanelApp, PANEL_SECRET, seedTicket, verdictsOf } from './helpers.ts'

/** `PANEL_SCREENSHOT=docs/panel.png` also writes the documentation's screenshot. */
const SCREENSHOT = process.env.PANEL_SCREENSHOT

describe('agent panel in headless Chromium over real HTTP', { skip: skipBrowser }, () => {
  if (chromiumUnavailable) throw new Error(`REQUIRE_ALL_BACKENDS=1 but ${chromiumUnavailable}`)
  let t: TestApp
  let server: Awaited<ReturnType<typeof listen>>
  let browser: Browser
  let context: BrowserContext
  let ticketId: string
  before(async () => {
    t = await createPanelApp()
    server = await listen(t)
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 320, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
    ticketId = await seedTicket(t, { external_ticket_id: 'E2E-1' })
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await t?.close()
  })

  /** Mints over HTTP with the API key, as a helpdesk's server step would. */
  const panelUrl = async (id: string, agentId = 'agent-7') => {
    const response = await fetch(`${server.origin}/panel/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}` },
      body: JSON.stringify({ ticket_id: id, agent_id: agentId }),
    })
    assert.equal(response.status, 200)
    return (await readJson(response)).url as string
  }
  const open = async (url: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined))
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(url)
    return { page, problems }
  }

  it('renders a processed ticket at 320 px: one small transfer, no horizontal scroll, no CSP errors', async () => {
    const url = await panelUrl(ticketId)
    const page = await context.newPage()
    const transfers: { url: string; bytes: number }[] = []
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes()
      transfers.push({
        url: request.url(),
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      })
    })
    const problems: string[] = []
    page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined))
    await page.goto(url)
    await page.getByRole('heading', { level: 1 }).waitFor()
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      'I forgot my password and cannot sign in',
    )
    assert.ok(await page.getByText('Mateo Larsen').isVisible())
    assert.ok(await page.getByText('Churn risk: high').isVisible())
    assert.ok((await page.locator('article[data-chunk]').count()) > 0)
    assert.ok((await page.locator('mark').count()) > 0)
    assert.ok(await page.getByRole('img', { name: /interactions in 90 days/ }).isVisible())
    const scrollWidth = await inPage<number>(page, 'document.documentElement.scrollWidth')
    assert.ok(scrollWidth <= 320, `scrollWidth ${scrollWidth}`)
    await page.waitForLoadState('networkidle')
    assert.equal(transfers.length, 1, `only the page itself: ${transfers.map((r) => r.url)}`)
    assert.ok((transfers[0]?.bytes ?? 0) < 50_000, `transferred ${transfers[0]?.bytes} bytes`)
    assert.deepEqual(problems, [], 'no CSP violations or script errors')
    assert.deepEqual(await lowContrastTexts(page, 4.5), [])
    await page.close()
  })

  it('shows a high-value customer with their recent orders, still within 320 px', async () => {
    const id = await seedTicket(t, {
      external_ticket_id: 'E2E-VIP',
      customer_external_id: 'CUST-00001',
      subject: 'Locked out: I forgot my password',
      description: 'Please help, I cannot sign in to place my next order.',
    })
    const { page, problems } = await open(await panelUrl(id))
    assert.ok(await page.getByText(/^High value/).isVisible())
    assert.equal(await page.locator('ul.rows').first().locator('li').count(), 5)
    const scrollWidth = await inPage<number>(page, 'document.documentElement.scrollWidth')
    assert.ok(scrollWidth <= 320, `scrollWidth ${scrollWidth}`)
    assert.deepEqual(await lowContrastTexts(page, 4.5), [])
    assert.deepEqual(problems, [])
    if (SCREENSHOT) {
      mkdirSync(dirname(SCREENSHOT), { recursive: true })
      const clip = { x: 0, y: 0, width: 320, height: 1400 }
      await page.screenshot({ path: SCREENSHOT, fullPage: true, clip })
    }
    await page.close()
  })

  it('records helpful and not-helpful clicks through the API, replacing the earlier verdict', async () => {
    const { page, problems } = await open(await panelUrl(ticketId))
    const card = page.locator('article[data-chunk]').first()
    const chunkId = await card.getAttribute('data-chunk')
    await card.getByRole('button', { name: 'Helpful', exact: true }).click()
    await card.getByRole('status').filter({ hasText: 'Marked helpful.' }).waitFor()
    assert.equal(
      await card.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed'),
      'true',
    )
    assert.deepEqual(await verdictsOf(t, ticketId), [{ chunk_id: chunkId, verdict: 'helpful' }])
    await card.getByRole('button', { name: 'Not helpful' }).click()
    await card.getByRole('status').filter({ hasText: 'Marked not helpful.' }).waitFor()
    assert.equal(
      await card.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed'),
      'false',
    )
    assert.deepEqual(await verdictsOf(t, ticketId), [{ chunk_id: chunkId, verdict: 'not_helpful' }])
    assert.deepEqual(problems, [])
    await page.close()
  })

  it('works from the keyboard, with a visible focus ring', async () => {
    const { page } = await open(await panelUrl(ticketId, 'agent-keyboard'))
    let focused = ''
    for (let presses = 0; presses < 40 && focused !== 'helpful'; presses++) {
      await page.keyboard.press('Tab')
      focused = (await page.locator(':focus').getAttribute('data-verdict')) ?? ''
    }
    assert.equal(focused, 'helpful', 'Tab reaches the first Helpful button')
    const outline = await inPage(
      page,
      'getComputedStyle(document.activeElement).outlineStyle + " " + getComputedStyle(document.activeElement).outlineWidth',
    )
    assert.equal(outline, 'solid 3px')
    await page.keyboard.press('Space')
    await page.getByText('Marked helpful.').waitFor()
    const rows = await verdictsOf(t, ticketId, 'agent-keyboard')
    assert.deepEqual(
      rows.map((r) => r.verdict),
      ['helpful'],
    )
    await page.close()
  })

  it('copies the passage and records it as used in reply', async () => {
    const { page, problems } = await open(await panelUrl(ticketId, 'agent-copy'))
    const card = page.locator('article[data-chunk]').nth(1)
    const chunkId = await card.getAttribute('data-chunk')
    const passage = await card.locator('.passage').textContent()
    await card.getByRole('button', { name: /^Copy passage/ }).click()
    await card.getByRole('status').filter({ hasText: 'Copied; marked used in reply.' }).waitFor()
    assert.equal(await inPage(page, 'navigator.clipboard.readText()'), passage)
    assert.deepEqual(await verdictsOf(t, ticketId, 'agent-copy'), [
      { chunk_id: chunkId, verdict: 'used_in_reply' },
    ])
    const summary = await t.request('/kb/feedback/summary')
    const documentKey = chunkId?.slice(0, chunkId.lastIndexOf('#'))
    const row = (await readJson(summary)).find(
      (r: { document_key: string }) => r.document_key === documentKey,
    )
    assert.ok(row.used_in_reply >= 1)
    assert.deepEqual(problems, [])
    await page.close()
  })

  it('refuses a wrong, expired or other-ticket token with a 401 page', async () => {
    const good = new URL(await panelUrl(ticketId))
    const otherId = await seedTicket(t, { external_ticket_id: 'E2E-OTHER' }, { processed: false })
    const expired = mintPanelToken(
      PANEL_SECRET,
      { ticketId, agentId: 'agent-7', ttlSeconds: 60 },
      new Date(Date.now() - 600_000),
    ).token
    const tokens: [string, RegExp][] = [
      [`${good.searchParams.get('token')?.slice(0, -3)}abc`, /Invalid panel token/],
      [expired, /expired/],
      [new URL(await panelUrl(otherId)).searchParams.get('token') ?? '', /another ticket/],
    ]
    for (const [token, message] of tokens) {
      const page = await context.newPage()
      const url = new URL(good)
      url.searchParams.set('token', token)
      const response = await page.goto(url.href)
      assert.equal(response?.status(), 401)
      assert.match((await page.locator('main').textContent()) ?? '', message)
      assert.equal(await page.locator('button').count(), 0)
      await page.close()
    }
  })

  it('says a ticket is still processing and refreshes itself until it is ready', async () => {
    const id = await seedTicket(t, { external_ticket_id: 'E2E-PENDING' }, { processed: false })
    const { page } = await open(await panelUrl(id))
    assert.ok(await page.getByText(/Still processing this ticket/).isVisible())
    assert.equal(await page.locator('meta[http-equiv="refresh"]').getAttribute('content'), '5')
    await processTicket(t.deps.processing, { ticketId: id, correlationId: 'corr-e2e-pending' })
    await page.getByText('api:E2E-PENDING · ready').waitFor({ timeout: 15_000 })
    assert.equal(await page.getByText(/Still processing/).count(), 0)
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0)
    await page.close()
  })
})
