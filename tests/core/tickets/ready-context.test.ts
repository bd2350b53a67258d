import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TicketContextDeps } from '../../../app/core/tickets/build-ticket-context.ts'
import { getTicketContext } from '../../../app/core/tickets/get-ticket-context.ts'
import { createReadyContextCache } from '../../../app/core/tickets/ready-context-cache.ts'
import {
  completeTicket,
  insertTicket,
  setTicketStatus,
} from '../../../app/core/tickets/ticket-store.ts'
import type { Ticket, TicketContext } from '../../../app/core/tickets/types.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { ticketRequest } from '../../helpers/tickets.ts'

const TTL_MS = 150

const contextSaying = (text: string): TicketContext => ({
  customer: null,
  customer_found: false,
  suggestions: [],
  ticket_sentiment: 0,
  suggested_priority: { priority: 'normal', raised: false, reasons: [text] },
  degraded: [],
  generated_at: '2026-12-06T00:00:00.000Z',
})

/** The database, recording the text of every statement sent through it. */
function recording(db: SqlDatabase) {
  const statements: string[] = []
  const wrapped: SqlDatabase = {
    kind: db.kind,
    query: (text, params) => {
      statements.push(text)
      return db.query(text, params)
    },
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  }
  return { db: wrapped, statements }
}

async function readyTicket(db: SqlDatabase, externalId: string, text: string) {
  const ticket = await insertTicket(db, {
    id: `tkt_00000000-0000-4000-8000-${externalId.padStart(12, '0')}`,
    request: ticketRequest({ external_ticket_id: externalId }),
    contentHash: `hash-${externalId}`,
    correlationId: 'corr-ready-0001',
  })
  assert.ok(ticket)
  assert.equal(
    await completeTicket(db, ticket.id, `hash-${externalId}`, contextSaying(text), 5),
    true,
  )
  return ticket
}

describeEachDatabase('ready context cache', (open) => {
  const setUp = async () => {
    const { db, statements } = recording(await open())
    const readyContexts = createReadyContextCache({ ttlMs: TTL_MS })
    // Only ready tickets are read here: nothing builds a context on demand.
    const deps = { db, readyContexts } as unknown as TicketContextDeps & {
      readyContexts: typeof readyContexts
    }
    return { db, statements, read: (ref: string) => getTicketContext(deps, ref) }
  }

  it('reads a ready ticket once, then serves it from memory within the TTL', async () => {
    const { db, statements, read } = await setUp()
    const ticket = await readyTicket(db, '1', 'first')
    statements.length = 0
    const first = await read(ticket.id)
    const again = await read(ticket.id)
    assert.equal(first.context.suggested_priority.reasons[0], 'first')
    assert.equal(again.ticket, first.ticket, 'the same object: its serialised answer is reused')
    assert.equal(statements.length, 1)
  })

  it('after the TTL, keeps an unchanged ticket with a one-column read', async () => {
    const { db, statements, read } = await setUp()
    const ticket = await readyTicket(db, '2', 'kept')
    const first = await read('api:2')
    await sleep(TTL_MS + 50)
    statements.length = 0
    const revalidated = await read('api:2')
    assert.equal(revalidated.ticket, first.ticket)
    assert.equal(revalidated.onDemand, false)
    assert.deepEqual(statements, [
      "SELECT xmin::text AS row_version FROM tickets WHERE id = $1 AND status = 'ready'",
    ])
    // Kept for another TTL: the next read goes nowhere.
    await read('api:2')
    assert.equal(statements.length, 1)
    assert.equal(revalidated.ticket.id, ticket.id)
  })

  it('after the TTL, reads again a ticket another process made ready with a new context', async () => {
    const { db, read } = await setUp()
    const ticket = await readyTicket(db, '3', 'old')
    const first = await read(ticket.id)
    // Another process: the ticket went back to work and came out with another context.
    await setTicketStatus(db, ticket.id, 'processing')
    await completeTicket(db, ticket.id, 'hash-3', contextSaying('new'), 7)
    assert.equal((await read(ticket.id)).context.suggested_priority.reasons[0], 'old', 'in TTL')
    await sleep(TTL_MS + 50)
    const fresh = await read(ticket.id)
    assert.notEqual(fresh.ticket, first.ticket)
    assert.equal(fresh.context.suggested_priority.reasons[0], 'new')
    assert.equal(fresh.ticket.processingTimeMs, 7)
  })
})

describe('ready context cache, in memory', () => {
  const ticket = {
    id: 'tkt_x',
    request: ticketRequest({ external_ticket_id: 'X' }),
    status: 'ready',
    context: contextSaying('x'),
  } as Ticket

  it('hands an entry back as expired once its TTL has run out, until it is forgotten', async () => {
    const cache = createReadyContextCache({ ttlMs: TTL_MS })
    assert.equal(cache.expired('tkt_x'), undefined)
    cache.remember('tkt_x', ticket)
    cache.remember('api:X', ticket)
    assert.equal(cache.get('tkt_x'), ticket)
    assert.equal(cache.expired('tkt_x'), undefined, 'not expired within the TTL')
    await sleep(TTL_MS + 50)
    assert.equal(cache.get('tkt_x'), undefined)
    assert.equal(cache.expired('tkt_x'), ticket)
    assert.equal(cache.expired('api:X'), ticket)
    cache.forget(ticket)
    assert.equal(cache.expired('tkt_x'), undefined)
    assert.equal(cache.expired('api:X'), undefined)
  })

  it('keeps only ready tickets, and nothing when turned off', () => {
    const cache = createReadyContextCache({ ttlMs: TTL_MS })
    cache.remember('tkt_x', { ...ticket, status: 'processing' })
    assert.equal(cache.get('tkt_x'), undefined)
    const off = createReadyContextCache({ ttlMs: 0 })
    off.remember('tkt_x', ticket)
    assert.equal(off.get('tkt_x'), undefined)
    assert.equal(off.expired('tkt_x'), undefined)
  })
})
