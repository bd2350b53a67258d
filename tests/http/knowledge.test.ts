import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SearchResultSchema, SyncRecordSchema } from '../../app/http/schemas/knowledge.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { documentsFolder } from '../helpers/documents.ts'
import { readJson } from '../helpers/http.ts'

describe('knowledge-base HTTP API', () => {
  let t: TestApp
  const folder = documentsFolder()
  before(async () => {
    t = await createTestApp({ customers: 1, env: { DOCUMENTS_URL: `file://${folder.root}` } })
  })
  after(async () => {
    await t.close()
    folder.cleanup()
  })

  it('starts a sync with 202 and serves its audit record and the history', async () => {
    const started = await t.request('/kb/sync', { method: 'POST' })
    assert.equal(started.status, 202)
    const { job_id, status } = await readJson(started)
    assert.equal(status, 'QUEUED')
    await t.deps.syncRunner.idle()
    const record = SyncRecordSchema.parse(await readJson(await t.request(`/kb/sync/${job_id}`)))
    assert.equal(record.status, 'SUCCEEDED')
    assert.equal(record.trigger, 'manual')
    assert.equal(record.counts.added, 6)
    const history = await readJson(await t.request('/kb/syncs?limit=5'))
    assert.equal(history[0].job_id, job_id)
  })

  it('searches with scores, sources and locations, honouring max_results and filters', async () => {
    const response = await t.request('/kb/search?q=I+forgot+my+password&max_results=2')
    assert.equal(response.status, 200)
    const body = SearchResultSchema.parse(await readJson(response))
    assert.equal(body.results.length, 2)
    assert.equal(body.results[0]?.document_key, 'markdown/forgot-your-password.md')
    assert.ok((body.results[0]?.score ?? 0) > 0.7)
    assert.ok(body.results[0]?.location.heading_path)
    const filtered = await readJson(
      await t.request('/kb/search?q=password&prefix=csv/&min_score=0'),
    )
    assert.ok(
      filtered.results.every((r: { document_key: string }) => r.document_key.startsWith('csv/')),
    )
    const pdf = await readJson(
      await t.request('/kb/search?q=DeepAnnotation+labeller+tasks&min_score=0'),
    )
    assert.equal(pdf.results[0].location.page > 0, true)
  })

  it('answers 503 in the error shape when the knowledge base fails, never a 500', async () => {
    // The retrieval itself is swapped for one that fails like a lost database connection; the
    // reliability drill (npm run drill -- --only kb) makes the real store fail instead.
    const { retrieve } = t.deps.knowledgeBase
    t.deps.knowledgeBase.retrieve = async () => {
      throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' })
    }
    try {
      const response = await t.request('/kb/search?q=password')
      assert.equal(response.status, 503)
      const body = await readJson(response)
      assert.equal(body.error.code, 'upstream_unavailable')
      assert.equal(body.error.correlation_id, response.headers.get('x-correlation-id'))
    } finally {
      t.deps.knowledgeBase.retrieve = retrieve
    }
  })

  it('answers an unrelated question with no results at the default min_score', async () => {
    const body = await readJson(await t.request("/kb/search?q=what's+the+weather+on+Mars"))
    assert.deepEqual(body.results, [])
  })

  for (const [query, field] of [
    ['', 'query.q'],
    ['q=%20%20', 'query.q'],
    ['q=x&max_results=0', 'query.max_results'],
    ['q=x&min_score=2', 'query.min_score'],
    ['q=x&filter=novalue', 'query.filter.0'],
    [`q=${'x'.repeat(2001)}`, 'query.q'],
  ] as const) {
    it(`rejects the search "${query.slice(0, 24)}" with 400 naming ${field}`, async () => {
      const response = await t.request(`/kb/search?${query}`)
      assert.equal(response.status, 400)
      const { error } = await readJson(response)
      assert.equal(error.details[0].field, field)
    })
  }

  it('answers 404 for an unknown job and 400 for a malformed job id', async () => {
    const unknown = await t.request('/kb/sync/sync-00000000-0000-0000-0000-000000000000')
    assert.equal(unknown.status, 404)
    const malformed = await t.request('/kb/sync/../../etc')
    assert.ok([400, 404].includes(malformed.status))
    const bad = await t.request('/kb/sync/not-a-job')
    assert.equal(bad.status, 400)
  })
})
