import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { CustomerContextSchema } from '../../app/http/schemas/customer.ts'
import { generateSampleData } from '../../app/seed/sample-data.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'

describe('GET /customers/{external_id}/context', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp()
  })
  after(() => t.close())

  it('answers the seeded customer 360 in the documented schema, then from cache', async () => {
    const first = await t.request('/customers/CUST-00001/context')
    assert.equal(first.status, 200)
    assert.equal(first.headers.get('x-cache'), 'miss')
    const body = CustomerContextSchema.parse(await readJson(first))
    assert.equal(body.customer.external_id, 'CUST-00001')
    assert.equal(body.customer.tier, 'enterprise')
    assert.equal(body.is_high_value, true)
    assert.equal(body.recent_orders.length, 5)
    const second = await t.request('/customers/CUST-00001/context')
    assert.equal(second.headers.get('x-cache'), 'hit')
    assert.ok(t.logs.some((line) => line.includes('customer context cache hit')))
  })

  it('answers 404 in the error shape for an unknown customer', async () => {
    const response = await t.request('/customers/CUST-99999/context')
    assert.equal(response.status, 404)
    const { error } = await readJson(response)
    assert.equal(error.code, 'not_found')
    assert.equal(error.correlation_id, response.headers.get('x-correlation-id'))
  })

  for (const bad of ['bad%20id', '-leading-dash', 'x'.repeat(129), '%C3%A9t%C3%A9']) {
    it(`rejects the invalid external id ${bad.slice(0, 20)} with 400 naming the field`, async () => {
      const response = await t.request(`/customers/${bad}/context`)
      assert.equal(response.status, 400)
      const { error } = await readJson(response)
      assert.equal(error.code, 'invalid_request')
      assert.equal(error.details[0].field, 'params.external_id')
      assert.ok(error.correlation_id)
    })
  }

  it('never writes customer names or emails to the logs', async () => {
    for (let n = 1; n <= 5; n++) await t.request(`/customers/CUST-0000${n}/context`)
    const { customers } = generateSampleData({ customers: 30 })
    const logs = t.logs.join('\n')
    for (const customer of customers) {
      assert.ok(!logs.includes(customer.email), 'an email reached the logs')
      assert.ok(!logs.includes(customer.name), 'a name reached the logs')
    }
  })
})
