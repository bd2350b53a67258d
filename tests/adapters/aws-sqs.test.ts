import assert from 'node:assert/strict'
import { it } from 'node:test'
import { SQSClient } from '@aws-sdk/client-sqs'
import { createSqsTicketQueue } from '../../app/adapters/ticket-queue/sqs.ts'
import { ticketQueueContract } from '../contracts/ticket-queue.ts'
import { createQueuePair, describeWithMoto, useMoto } from '../helpers/moto.ts'

const moto = useMoto()

async function openQueue() {
  const urls = await createQueuePair(moto, 3)
  // moto answers every receive from one store, so scans need no long polling.
  const options = { ...urls, client: new SQSClient(moto.config), scanWaitSeconds: 0 }
  return { queue: createSqsTicketQueue(options), ...urls }
}

describeWithMoto('TicketQueue contract, SQS adapter', () => {
  // A standard queue orders best-effort, counts time in seconds, cannot spot stale receipts,
  // cannot join an SQL transaction (the caller's outbox relay sends to it) and delivers at least
  // once (moto_server's concurrent receives showed it: 21 deliveries of 20 messages, once).
  ticketQueueContract(async () => ({ queue: (await openQueue()).queue }), {
    ordered: false,
    timeStepMs: 1_000,
    detectsStaleReceipts: false,
    transactional: false,
    exclusiveDelivery: false,
  })

  it('lets SQS’s redrive move a poisoned message to the DLQ after 3 receives; replay returns it', async () => {
    const { queue } = await openQueue()
    for (const n of [1, 2, 3]) await queue.send({ ticketId: `tkt-${n}`, correlationId: `c-${n}` })
    const firstBatch = await queue.receive({ maxMessages: 10, visibilityTimeoutMs: 0 })
    assert.equal(firstBatch.length, 3)
    for (const m of firstBatch) if (m.body.ticketId !== 'tkt-2') await queue.delete(m.receiptHandle)
    // tkt-2 keeps failing: received and never deleted, visible again at once.
    for (const expected of [2, 3]) {
      const [again] = await queue.receive({ visibilityTimeoutMs: 0 })
      assert.deepEqual([again?.body.ticketId, again?.receiveCount], ['tkt-2', expected])
    }
    assert.deepEqual(await queue.receive({ visibilityTimeoutMs: 0 }), [], 'moved on the 4th')
    const dead = await queue.listDeadLetters()
    assert.deepEqual(
      dead.map((d) => [d.body.ticketId, d.receiveCount, d.lastError]),
      [['tkt-2', 3, null]],
    )
    assert.deepEqual(await queue.depth(), { visible: 0, inFlight: 0, dead: 1 })
    assert.equal(await queue.replay('all'), 1)
    const [replayed] = await queue.receive()
    assert.deepEqual([replayed?.body.ticketId, replayed?.receiveCount], ['tkt-2', 1])
    assert.deepEqual(await queue.listDeadLetters(), [])
  })

  it('rejects deadLetter for a receipt it never handed out', async () => {
    const { queue } = await openQueue()
    await assert.rejects(queue.deadLetter('unknown-receipt', 'x'), /received through this queue/)
  })
})
