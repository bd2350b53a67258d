import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SQSEvent } from 'aws-lambda'
import { findTicket } from '../../app/core/tickets/ticket-store.ts'
import type { Deps } from '../../app/deps.ts'
import { createTicketWorkerHandler } from '../../app/entry/lambda/ticket-worker.ts'
import { loadLambdaFixture, recordingObservability } from '../fixtures/lambda/load.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { ticketRequest } from '../helpers/tickets.ts'

/** A ticket accepted through the API; resolves its id. */
async function acceptTicket(t: TestApp, externalId: string): Promise<string> {
  const response = await t.request('/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ticketRequest({ external_ticket_id: externalId })),
  })
  assert.equal(response.status, 202)
  return ((await response.json()) as { ticket_id: string }).ticket_id
}

const messageBody = (ticketId: string) =>
  JSON.stringify({ ticketId, correlationId: `corr-${ticketId}` })

describe('Lambda ticketWorker handler (SQS, partial batch failures)', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({ customers: 3 })
  })
  after(() => t.close())

  it('reports exactly the poisoned record and makes the other tickets ready', async () => {
    const [first, second] = [await acceptTicket(t, 'SQS-1'), await acceptTicket(t, 'SQS-2')]
    const event = loadLambdaFixture<SQSEvent>('sqs-batch')
    const [a, poisoned, c] = event.Records
    assert.ok(a && poisoned && c)
    a.body = messageBody(first)
    c.body = messageBody(second)
    const recorded = recordingObservability()
    const handler = createTicketWorkerHandler({
      deps: async () => t.deps,
      observability: recorded.observability,
    })
    const result = await handler(event)
    assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: poisoned.messageId }] })
    assert.equal((await findTicket(t.deps.db, first))?.status, 'ready')
    assert.equal((await findTicket(t.deps.db, second))?.status, 'ready')
    assert.deepEqual(recorded.metrics, { TicketsProcessed: 2, TicketsFailed: 1 })
    const ready = recorded.logs.filter((line) => line.message === 'ticket ready')
    assert.deepEqual(
      ready.map((line) => line.correlation_id).sort(),
      [`corr-${first}`, `corr-${second}`].sort(),
    )
  })

  it('marks the ticket failed when its last allowed receive fails', async () => {
    const ticketId = await acceptTicket(t, 'SQS-3')
    const broken: Deps = {
      ...t.deps,
      processing: {
        ...t.deps.processing,
        interactions: {
          ...t.deps.interactions,
          record: async () => {
            throw new Error('interaction log unavailable')
          },
        },
      },
    }
    const recorded = recordingObservability()
    const handler = createTicketWorkerHandler({
      deps: async () => broken,
      observability: recorded.observability,
    })
    const event = loadLambdaFixture<SQSEvent>('sqs-batch')
    const record = event.Records[0]
    assert.ok(record)
    record.body = messageBody(ticketId)

    record.attributes.ApproximateReceiveCount = '2'
    const early = await handler({ Records: [record] })
    assert.equal(early.batchItemFailures.length, 1)
    assert.notEqual((await findTicket(t.deps.db, ticketId))?.status, 'failed')

    record.attributes.ApproximateReceiveCount = String(t.deps.config.QUEUE_MAX_RECEIVES)
    const last = await handler({ Records: [record] })
    assert.deepEqual(last, { batchItemFailures: [{ itemIdentifier: record.messageId }] })
    const ticket = await findTicket(t.deps.db, ticketId)
    assert.equal(ticket?.status, 'failed')
    assert.equal(recorded.metrics.TicketsGivenUp, 1)
  })
})
