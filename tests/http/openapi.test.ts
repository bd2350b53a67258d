import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { renderSpec, SPEC_PATH } from '../../scripts/openapi.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

describe('OpenAPI', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 1 })
  })
  after(() => t.close())

  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const response = await t.request('/openapi.json')
    assert.equal(response.status, 200)
    const document = await readJson(response)
    assert.equal(document.openapi, '3.1.0')
    assert.ok(document.paths['/customers/{external_id}/context'].get)
    assert.ok(document.paths['/health'].get)
    assert.ok(document.components.schemas.CustomerContext)
  })

  it('serves a readable reference page at /docs', async () => {
    const response = await t.request('/docs')
    assert.equal(response.status, 200)
    assert.match(await response.text(), /openapi\.json/)
  })

  it('keeps docs/api_spec.yaml identical to the generated document (run npm run openapi)', async () => {
    assert.equal(readFileSync(SPEC_PATH, 'utf8'), await renderSpec())
  })
})
