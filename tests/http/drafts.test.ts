import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DraftResponseSchema } from '../../app/http/routes/drafts.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { documentsFolder } from '../helpers/documents.ts'
import { readJson } from '../helpers/http.ts'
import { ticketRequest } from '../helpers/tickets.ts'

describe('POST /tickets/{id}/draft', () => {
  let t: TestApp
  let ticketId: string
  const folder = documentsFolder()
  before(async () => {
    t = await createTestApp({ customers: 3, env: { DOCUMENTS_URL: `file://${folder.root}` } })
    const intake = await t.request('/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        ticketRequest({
          external_ticket_id: 'DRAFT-1',
          subject: 'Forgot my password',
          description: 'How do I reset my password?',
        }),
      ),
    })
    ticketId = (await readJson(intake)).ticket_id
  })
  after(async () => {
    await t.close()
    folder.cleanup()
  })

  it('answers an extractive draft citing the local knowledge base, by either ticket id', async () => {
    await t.deps.knowledgeBase.startSync('manual')
    await t.deps.syncRunner.idle()
    for (const id of [ticketId, 'api:DRAFT-1']) {
      const response = await t.request(`/tickets/${id}/draft`, { method: 'POST' })
      assert.equal(response.status, 200)
      const body = DraftResponseSchema.parse(await readJson(response))
      assert.equal(body.ticket_id, ticketId)
      assert.equal(body.generator, 'extractive')
      assert.match(body.text, /^Hello,/)
      assert.ok(body.citations.length > 0)
      assert.ok(
        body.citations.some((c) => c.document_key === 'markdown/forgot-your-password.md'),
        JSON.stringify(body.citations.map((c) => c.document_key)),
      )
    }
  })

  it('answers 404 not_found when DRAFTS_ENABLED=false', async () => {
    const off = await createTestApp({
      customers: 1,
      env: { DOCUMENTS_URL: `file://${folder.root}`, DRAFTS_ENABLED: 'false' },
    })
    try {
      assert.equal(off.deps.draftWriter, undefined)
      const response = await off.request(`/tickets/api:DRAFT-1/draft`, { method: 'POST' })
      assert.equal(response.status, 404)
      const body = await readJson(response)
      assert.equal(body.error.code, 'not_found')
      assert.equal(body.error.message, 'drafts are not enabled')
    } finally {
      await off.close()
    }
  })

  it('answers 404 for an unknown ticket and 401 without an API key', async () => {
    const unknown = await t.request('/tickets/api:NOPE-1/draft', { method: 'POST' })
    assert.equal(unknown.status, 404)
    const anonymous = await t.app.request(`/tickets/${ticketId}/draft`, { method: 'POST' })
    assert.equal(anonymous.status, 401)
  })

  it('answers 405 with Allow for a GET', async () => {
    const response = await t.request(`/tickets/${ticketId}/draft`)
    assert.equal(response.status, 405)
    assert.match(response.headers.get('allow') ?? '', /POST/)
  })
})
