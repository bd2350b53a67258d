import assert from 'node:assert/strict'
import { it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { SqlDatabase } from '../../app/ports/sql.ts'
import type { ReceivedMessage, TicketQueue } from '../../app/ports/ticket-queue.ts'

const message = (n: number) => ({ ticketId: `tkt-${n}`, correlationId: `corr-${n}-abcdefgh` })

/**
 * Where a backend's documented semantics differ from the SQL queue's. Each default is the SQL
 * queue's behaviour, so nothing is relaxed for it; SQS relaxes exactly these.
 */
export interface QueueSemantics {
  /** False for SQS standard queues: order is best-effort, so a batch is compared as a set. */
  ordered?: boolean
  /** The smallest visibility/delay step the backend honours (SQS: whole seconds). */
  timeStepMs?: number
  /** False for SQS: DeleteMessage accepts a stale receipt, so delete() cannot report one. */
  detectsStaleReceipts?: boolean
  /** False for SQS: only a database-backed queue can enqueue inside the caller's transaction. */
  transactional?: boolean
  /**
   * False for SQS standard queues: delivery is at-least-once, so concurrent receives may now and
   * then hand out one message twice (the worker is idempotent for that). None may be lost.
   */
  exclusiveDelivery?: boolean
}

/** The behaviour every TicketQueue must show. `open` gives an empty queue (and its database). */
export function ticketQueueContract(
  open: () => Promise<{ queue: TicketQueue; db?: SqlDatabase }>,
  {
    ordered = true,
    timeStepMs = 1,
    detectsStaleReceipts = true,
    transactional = true,
    exclusiveDelivery = true,
  }: QueueSemantics = {},
) {
  const inOrder = (messages: ReceivedMessage[]) =>
    ordered
      ? messages
      : [...messages].sort((a, b) => a.body.ticketId.localeCompare(b.body.ticketId))
  // Durations are the SQL queue's own, stretched to the backend's step where it is coarser.
  const visibilityMs = Math.max(300, timeStepMs)
  const releaseDelayMs = Math.max(250, timeStepMs)

  it('delivers sent messages in order and forgets them once deleted', async () => {
    const { queue } = await open()
    await queue.send(message(1))
    await queue.send(message(2))
    const received = inOrder(await queue.receive({ maxMessages: 10 }))
    assert.deepEqual(
      received.map((m) => m.body),
      [message(1), message(2)],
    )
    assert.deepEqual(
      received.map((m) => m.receiveCount),
      [1, 1],
    )
    for (const m of received) assert.equal(await queue.delete(m.receiptHandle), true)
    assert.deepEqual(await queue.receive(), [])
  })

  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    const { queue } = await open()
    await queue.send(message(3))
    const [first] = await queue.receive({ visibilityTimeoutMs: visibilityMs })
    assert.deepEqual(await queue.receive(), [])
    await sleep(visibilityMs + 100)
    const [again] = await queue.receive({ visibilityTimeoutMs: visibilityMs })
    assert.equal(again?.receiveCount, 2)
    if (detectsStaleReceipts) {
      assert.equal(await queue.delete(first?.receiptHandle ?? ''), false, 'stale receipt')
    }
    assert.equal(await queue.delete(again?.receiptHandle ?? ''), true)
  })

  it(
    exclusiveDelivery
      ? 'never gives one delivery to two concurrent receivers'
      : 'loses no message to concurrent receivers (at-least-once)',
    async () => {
      const { queue } = await open()
      for (let n = 0; n < 20; n++) await queue.send(message(n))
      const batches = await Promise.all([1, 2, 3, 4].map(() => queue.receive({ maxMessages: 7 })))
      const ids = batches.flat().map((m) => m.body.ticketId)
      assert.equal(new Set(ids).size, 20, 'every message delivered')
      if (exclusiveDelivery) assert.equal(ids.length, 20, 'each to one receiver')
    },
  )

  it('waits up to waitMs for a message to arrive', async () => {
    const { queue } = await open()
    setTimeout(() => void queue.send(message(4)), 150)
    const received = await queue.receive({ waitMs: 3_000 })
    assert.equal(received[0]?.body.ticketId, 'tkt-4')
  })

  it('delays a released message and keeps its error for the dead letter', async () => {
    const { queue } = await open()
    await queue.send(message(5))
    const [m] = await queue.receive()
    await queue.release(m?.receiptHandle ?? '', {
      error: 'timeout talking to KB',
      delayMs: releaseDelayMs,
    })
    assert.deepEqual(await queue.receive(), [])
    await sleep(releaseDelayMs + 100)
    const [again] = await queue.receive()
    assert.equal(again?.receiveCount, 2)
    await queue.deadLetter(again?.receiptHandle ?? '', 'gave up')
    const [dead] = await queue.listDeadLetters()
    assert.deepEqual(dead?.body, message(5))
    assert.equal(dead?.lastError, 'gave up')
    assert.equal(dead?.receiveCount, 2)
    assert.deepEqual(await queue.depth(), { visible: 0, inFlight: 0, dead: 1 })
  })

  it('replays one dead letter or all of them with a fresh receive count', async () => {
    const { queue } = await open()
    for (const n of [6, 7, 8]) {
      await queue.send(message(n))
      const [m] = await queue.receive()
      await queue.deadLetter(m?.receiptHandle ?? '', `failed ${n}`)
    }
    const [first] = await queue.listDeadLetters()
    assert.equal(await queue.replay({ id: first?.id ?? '' }), 1)
    assert.equal(await queue.replay({ id: 'not-an-id' }), 0)
    assert.equal(await queue.replay('all'), 2)
    const received = inOrder(await queue.receive({ maxMessages: 10 }))
    assert.deepEqual(
      received.map((m) => [m.body.ticketId, m.receiveCount]),
      [
        ['tkt-6', 1],
        ['tkt-7', 1],
        ['tkt-8', 1],
      ],
    )
    assert.deepEqual(await queue.listDeadLetters(), [])
  })

  it('declares whether it can join the caller’s transaction (else the intake uses the outbox)', async () => {
    const { queue } = await open()
    assert.equal(queue.joinsTransactions, transactional)
  })

  if (!transactional) return
  it('enqueues inside the caller’s transaction: a rollback leaves no message', async () => {
    const { queue, db } = await open()
    if (!db) throw new Error('a transactional queue contract needs the database it lives in')
    await assert.rejects(
      db.transaction(async (tx) => {
        await queue.send(message(9), { tx })
        throw new Error('intake failed')
      }),
    )
    assert.deepEqual(await queue.receive(), [])
  })

  it('enqueues once for each row of another statement’s CTE, and not for none', async () => {
    const { queue, db } = await open()
    if (!db || !queue.enqueueFrom) throw new Error('a transactional queue writes from a CTE')
    const from = (rows: string) => {
      const insert = queue.enqueueFrom?.('made', message(10), 2)
      if (!insert) throw new Error('unreachable')
      return db.query(
        `WITH made AS (SELECT id FROM (VALUES ${rows}) AS v (id) WHERE id <> $1),
              sent AS (${insert.text}) SELECT * FROM made`,
        ['skip', ...insert.params],
      )
    }
    await from("('skip')")
    assert.deepEqual(await queue.receive(), [], 'no row made: no message')
    await from("('one')")
    const [received] = await queue.receive()
    assert.deepEqual(received?.body, message(10))
  })
}
