import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LambdaFunctionURLEvent } from 'aws-lambda'
import { findTicket } from '../../app/core/tickets/ticket-store.ts'
import { createHttpHandler } from '../../app/entry/lambda/http.ts'
import { loadLambdaFixture, recordingObservability } from '../fixtures/lambda/load.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { ticketRequest } from '../helpers/tickets.ts'

describe('Lambda http handler (Function URL, payload 2.0)', () => {
  let t: TestApp
  const recorded = recordingObservability()
  let handler: ReturnType<typeof createHttpHandler>
  before(async () => {
    t = await createTestApp({ customers: 3 })
    handler = createHttpHandler({ deps: async () => t.deps, observability: recorded.observability })
  })
  after(() => t.close())

  it('answers GET /health with the database state', async () => {
    const event = loadLambdaFixture<LambdaFunctionURLEvent>('function-url-get-health')
    const response = await handler(event)
    assert.equal(response.statusCode, 200)
    const body = JSON.parse(response.body)
    assert.equal(body.status, 'ok')
    assert.match(String(response.headers?.['x-correlation-id']), /^[0-9a-f-]{36}$/)
  })

  it('accepts POST /tickets with an API key and queues it under the request correlation id', async () => {
    const event = loadLambdaFixture<LambdaFunctionURLEvent>('function-url-post-tickets')
    event.headers.authorization = `Bearer ${t.apiKey}`
    event.body = JSON.stringify(ticketRequest({ external_ticket_id: 'LAMBDA-1' }))
    const response = await handler(event)
    assert.equal(response.statusCode, 202, response.body)
    assert.equal(response.headers?.['x-correlation-id'], 'corr-lambda-fixture-0001')
    const ticket = JSON.parse(response.body)
    assert.equal((await findTicket(t.deps.db, ticket.ticket_id))?.status, 'received')
    const [message] = await t.deps.queue.receive({ maxMessages: 1, waitMs: 0 })
    assert.deepEqual(message?.body, {
      ticketId: ticket.ticket_id,
      correlationId: 'corr-lambda-fixture-0001',
    })
    assert.ok(recorded.correlationIds.includes('corr-lambda-fixture-0001'))
  })

  it('refuses POST /tickets without an API key', async () => {
    const event = loadLambdaFixture<LambdaFunctionURLEvent>('function-url-post-tickets')
    delete event.headers.authorization
    event.body = JSON.stringify(ticketRequest({ external_ticket_id: 'LAMBDA-2' }))
    const response = await handler(event)
    assert.equal(response.statusCode, 401)
  })
})
