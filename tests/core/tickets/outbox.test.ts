import assert from 'node:assert/strict'
import { after, it } from 'node:test'
import { migrate } from '../../../app/adapters/sql/migrate.ts'
import { createPgliteDatabase } from '../../../app/adapters/sql/pglite.ts'
import { createSqlTicketQueue } from '../../../app/adapters/ticket-queue/sql.ts'
import { intakeTicket } from '../../../app/core/tickets/intake.ts'
import { relayOutbox } from '../../../app/core/tickets/outbox.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import type { TicketQueue } from '../../../app/ports/ticket-queue.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { insertCustomer } from '../../helpers/fixtures.ts'
import { ticketRequest } from '../../helpers/tickets.ts'

/**
 * A queue that lives outside the tickets' database, like SQS: it cannot join the intake's
 * transaction. Built over the real SQL queue in a database of its own, with sends that can be
 * made to fail.
 */
const externalDatabases: SqlDatabase[] = []
after(() => Promise.all(externalDatabases.map((db) => db.close())))

async function externalQueue() {
  const own = await createPgliteDatabase()
  await migrate(own)
  externalDatabases.push(own)
  const inner = createSqlTicketQueue({ db: own })
  const state = { failing: false }
  const queue: TicketQueue = {
    ...inner,
    joinsTransactions: false,
    async send(body) {
      if (state.failing) throw new Error('queue unreachable')
      await inner.send(body)
    },
  }
  return { queue, state }
}

const staged = async (db: SqlDatabase) =>
  (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM outbox_messages'))[0]?.n

describeEachDatabase('outbox for a queue outside the database', (open) => {
  it('stages the message with the ticket and relays it right after the commit', async () => {
    const db = await open()
    await insertCustomer(db, 'CUST-00002')
    const { queue } = await externalQueue()
    const { ticket, outcome } = await intakeTicket(
      { db, queue },
      ticketRequest({ external_ticket_id: 'OUT-1' }),
      'corr-outbox-01',
    )
    assert.equal(outcome, 'created')
    const [message] = await queue.receive()
    assert.deepEqual(message?.body, { ticketId: ticket.id, correlationId: 'corr-outbox-01' })
    assert.equal(await staged(db), 0)
  })

  it('keeps an accepted ticket’s message when the queue is down, and relays it later', async () => {
    const db = await open()
    const { queue, state } = await externalQueue()
    state.failing = true
    const { ticket, outcome } = await intakeTicket(
      { db, queue },
      ticketRequest({ external_ticket_id: 'OUT-2' }),
      'corr-outbox-02',
    )
    assert.equal(outcome, 'created', 'the ticket is durable even though the queue is down')
    assert.equal(await staged(db), 1)
    await assert.rejects(relayOutbox({ db, queue }), /queue unreachable/)
    assert.equal(await staged(db), 1, 'a failed relay keeps the message')
    state.failing = false
    assert.equal(await relayOutbox({ db, queue }), 1)
    assert.equal(await staged(db), 0)
    const [message] = await queue.receive()
    assert.equal(message?.body.ticketId, ticket.id)
  })

  it('stages nothing for a duplicate delivery', async () => {
    const db = await open()
    const { queue, state } = await externalQueue()
    state.failing = true
    await intakeTicket(
      { db, queue },
      ticketRequest({ external_ticket_id: 'OUT-3' }),
      'corr-outbox-03',
    )
    await intakeTicket(
      { db, queue },
      ticketRequest({ external_ticket_id: 'OUT-3' }),
      'corr-outbox-04',
    )
    assert.equal(await staged(db), 1)
  })
})

describeEachDatabase('a new ticket and its message in one statement', (open) => {
  const tickets = async (db: SqlDatabase) =>
    (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM tickets'))[0]?.n

  it('writes the ticket and its queue message together, with no transaction around them', async () => {
    const db = await open()
    const statements: string[] = []
    const recorded: SqlDatabase = {
      ...db,
      query: (text, params) => {
        statements.push(text)
        return db.query(text, params)
      },
      transaction: () => assert.fail('a new ticket needs no transaction'),
    }
    const queue = createSqlTicketQueue({ db })
    const { ticket, outcome } = await intakeTicket(
      { db: recorded, queue },
      ticketRequest({ external_ticket_id: 'ONE-1' }),
      'corr-one-statement-1',
    )
    assert.equal(outcome, 'created')
    assert.equal(statements.length, 1)
    const [message] = await queue.receive()
    assert.deepEqual(message?.body, { ticketId: ticket.id, correlationId: 'corr-one-statement-1' })
  })

  it('writes neither when the message cannot be written', async () => {
    const db = await open()
    const inner = createSqlTicketQueue({ db })
    // A message row the queue table refuses (its queue name may not be null).
    const queue: TicketQueue = {
      ...inner,
      enqueueFrom: (source, body, nextParam) => ({
        text: `INSERT INTO queue_messages (queue, body) SELECT NULL, $${nextParam}::jsonb FROM ${source}`,
        params: [body],
      }),
    }
    await assert.rejects(
      intakeTicket({ db, queue }, ticketRequest({ external_ticket_id: 'ONE-2' }), 'corr-one-2'),
    )
    assert.equal(await tickets(db), 0)
    assert.deepEqual(await inner.receive(), [])
  })
})
