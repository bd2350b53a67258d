import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { intakeTicket } from '../../../app/core/tickets/intake.ts'
import { processTicket } from '../../../app/core/tickets/process-ticket.ts'
import { findTicket } from '../../../app/core/tickets/ticket-store.ts'
import { createTicketWorker } from '../../../app/entry/boot.ts'
import { createTestApp, type TestApp } from '../../helpers/app.ts'
import { ticketRequest } from '../../helpers/tickets.ts'

async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('ticket pipeline', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp({
      customers: 5,
      env: { QUEUE_RETRY_BASE_MS: '20', QUEUE_VISIBILITY_TIMEOUT_MS: '2000' },
    })
    const { jobId } = await t.deps.knowledgeBase.startSync('manual')
    await t.deps.syncRunner.idle()
    assert.ok(await t.deps.knowledgeBase.getSync(jobId))
  })
  after(() => t.close())
  const intake = (overrides = {}) =>
    intakeTicket(t.deps, ticketRequest(overrides), 'corr-test-0001')

  it('creates once, treats a retry as a duplicate, re-queues a change once, ignores an older delivery', async () => {
    const created = await intake({ external_ticket_id: 'IDEM-1' })
    assert.equal(created.outcome, 'created')
    const before = (await t.deps.queue.depth()).visible
    const retry = await intake({ external_ticket_id: 'IDEM-1' })
    assert.equal(retry.outcome, 'duplicate')
    assert.equal(retry.ticket.id, created.ticket.id)
    assert.equal((await t.deps.queue.depth()).visible, before)
    const changed = await intake({
      external_ticket_id: 'IDEM-1',
      subject: 'Still locked out',
      updated_at: '2026-11-21T00:00:00Z',
    })
    assert.equal(changed.outcome, 'updated')
    assert.equal((await t.deps.queue.depth()).visible, before + 1)
    const older = await intake({
      external_ticket_id: 'IDEM-1',
      subject: 'Old text',
      updated_at: '2026-11-20T12:00:00Z',
    })
    assert.equal(older.outcome, 'stale')
    assert.equal(
      (await findTicket(t.deps.db, created.ticket.id))?.request.subject,
      'Still locked out',
    )
  })

  it('turns five concurrent deliveries of one webhook into one ticket and one message', async () => {
    const before = (await t.deps.queue.depth()).visible
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => intake({ external_ticket_id: 'RACE-1' })),
    )
    assert.equal(new Set(results.map((r) => r.ticket.id)).size, 1)
    assert.deepEqual(results.map((r) => r.outcome).sort(), [
      'created',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ])
    assert.equal((await t.deps.queue.depth()).visible, before + 1)
  })

  it('processes a ticket to ready once, with customer, suggestions, sentiment and priority', async () => {
    const { ticket } = await intake({ external_ticket_id: 'PROC-1' })
    const message = { ticketId: ticket.id, correlationId: 'corr-proc-0001' }
    assert.equal(await processTicket(t.deps.processing, message), 'ready')
    assert.equal(await processTicket(t.deps.processing, message), 'skipped')
    const ready = await findTicket(t.deps.db, ticket.id)
    assert.equal(ready?.status, 'ready')
    const context = ready?.context
    assert.deepEqual(context?.degraded, [])
    assert.equal(context?.customer_found, true)
    assert.equal(context?.customer?.customer.external_id, 'CUST-00002')
    assert.ok((context?.suggestions.length ?? 0) > 0)
    const keys = context?.suggestions.map((s) => s.document_key) ?? []
    assert.ok(
      keys.some((key) => key.endsWith('forgot-your-password._en.md')),
      keys.join(', '),
    )
    assert.ok(keys.every((key) => key.includes('trouble-signing-in') || key.includes('password')))
    assert.ok((context?.ticket_sentiment ?? 0) < 0)
    assert.equal(context?.suggested_priority.raised, true)
    assert.ok(context?.suggested_priority.reasons.includes('high churn risk'))
    assert.deepEqual(context?.degraded, [])
    assert.equal(typeof ready?.processingTimeMs, 'number')
    const logged = await t.deps.interactions.listRecent('CUST-00002', { limit: 1_000 })
    assert.equal(logged.filter((i) => i.summary.includes('api/PROC-1')).length, 1)
    const { context: customer } = await t.deps.customerContexts.get('CUST-00002')
    assert.ok(customer.open_tickets >= 1)
  })

  it('says the customer is unknown instead of failing the ticket, and finds one by email', async () => {
    const { ticket } = await intake({
      external_ticket_id: 'UNKNOWN-1',
      customer_external_id: 'zendesk:999',
    })
    await processTicket(t.deps.processing, { ticketId: ticket.id, correlationId: 'corr-unk-00001' })
    const unknown = await findTicket(t.deps.db, ticket.id)
    assert.equal(unknown?.status, 'ready')
    assert.equal(unknown?.context?.customer_found, false)
    const [row] = await t.deps.db.query<{ email: string }>(
      `SELECT email FROM customers WHERE external_id = 'CUST-00003'`,
    )
    const byEmail = await intake({
      external_ticket_id: 'EMAIL-1',
      customer_external_id: 'zendesk:1000',
      customer_email: row?.email,
    })
    await processTicket(t.deps.processing, {
      ticketId: byEmail.ticket.id,
      correlationId: 'corr-email-0001',
    })
    const found = await findTicket(t.deps.db, byEmail.ticket.id)
    assert.equal(found?.context?.customer?.customer.external_id, 'CUST-00003')
  })

  it('degrades to no suggestions when the knowledge base is down, and opens its circuit', async () => {
    const original = t.deps.knowledgeBase.retrieve
    t.deps.knowledgeBase.retrieve = async () => {
      throw new Error('knowledge base unreachable')
    }
    try {
      for (let n = 0; n < 4; n++) {
        const { ticket } = await intake({ external_ticket_id: `KBDOWN-${n}` })
        await processTicket(t.deps.processing, {
          ticketId: ticket.id,
          correlationId: 'corr-kbdown-01',
        })
        const done = await findTicket(t.deps.db, ticket.id)
        assert.equal(done?.status, 'ready')
        assert.deepEqual(done?.context?.degraded, ['knowledge_base'])
        assert.deepEqual(done?.context?.suggestions, [])
      }
      assert.equal(t.deps.ticketContext.guards.knowledgeBase.state(), 'open')
    } finally {
      t.deps.knowledgeBase.retrieve = original
    }
  })

  it('dead-letters a message after 3 failed attempts, fails the ticket, and replays it to ready', async () => {
    const { ticket } = await intake({ external_ticket_id: 'DLQ-1' })
    const drain = await t.deps.queue.receive({ maxMessages: 100 })
    for (const m of drain.filter((m) => m.body.ticketId !== ticket.id))
      await t.deps.queue.delete(m.receiptHandle)
    for (const m of drain.filter((m) => m.body.ticketId === ticket.id)) {
      await t.deps.queue.release(m.receiptHandle, { error: 'not yet', delayMs: 0 })
    }
    const original = t.deps.processing.customerContexts.get
    const db = t.deps.db
    t.deps.processing.db = {
      ...db,
      query: async () => Promise.reject(new Error('database hiccup')),
    }
    const worker = createTicketWorker(t.deps)
    worker.start()
    try {
      const failed = await waitFor(async () => {
        const row = await findTicket(db, ticket.id)
        return row?.status === 'failed' && row
      })
      assert.match(failed.lastError ?? '', /database hiccup/)
      const [dead] = await t.deps.queue.listDeadLetters()
      assert.equal(dead?.body.ticketId, ticket.id)
      assert.equal(dead?.receiveCount, 3)
    } finally {
      t.deps.processing.db = db
      t.deps.processing.customerContexts.get = original
    }
    try {
      assert.equal(await t.deps.queue.replay('all'), 1)
      const ready = await waitFor(async () => {
        const row = await findTicket(db, ticket.id)
        return row?.status === 'ready' && row
      })
      assert.equal(ready.lastError, null)
    } finally {
      await worker.stop()
    }
  })
})
