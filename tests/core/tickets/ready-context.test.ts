import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TicketContextDeps } from '../../../app/core/tickets/build-ticket-context.ts'
import { getTicketContext } from '../../../app/core/tickets/get-ticket-context.ts'
import {
  createReadyContextCache,
  MAX_CHECKED_AT_ONCE,
} from '../../../app/core/tickets/ready-context-cache.ts'
import {
  completeTicket,
  insertTicket,
  readyRowVersions,
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
    const readyContexts = createReadyContextCache({
      ttlMs: TTL_MS,
      readyRowVersions: (ids) => readyRowVersions(db, ids),
    })
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
      "SELECT id, xmin::text AS row_version FROM tickets WHERE id = ANY($1::text[]) AND status = 'ready'",
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

  it('after the TTL, checks every ticket due in one query, and reads only the changed one', async () => {
    const { db, statements, read } = await setUp()
    const tickets = [
      await readyTicket(db, '4', 'four'),
      await readyTicket(db, '5', 'five'),
      await readyTicket(db, '6', 'six'),
    ]
    for (const ticket of tickets) await read(ticket.id)
    await setTicketStatus(db, tickets[2]?.id ?? '', 'processing')
    await completeTicket(db, tickets[2]?.id ?? '', 'hash-6', contextSaying('six again'), 9)
    await sleep(TTL_MS + 50)
    statements.length = 0
    const reads = await Promise.all(tickets.map((ticket) => read(ticket.id)))
    assert.deepEqual(
      reads.map((r) => r.context.suggested_priority.reasons[0]),
      ['four', 'five', 'six again'],
    )
    // One check for all three (the first read's, the others waited for it), then the changed
    // ticket read in full.
    assert.equal(statements.length, 2)
    assert.match(statements[0] ?? '', /id = ANY\(\$1::text\[\]\)/)
    assert.match(statements[1] ?? '', /WHERE id = \$1$/)
  })
})

describe('ready context cache, in memory', () => {
  const ticket = {
    id: 'tkt_x',
    request: ticketRequest({ external_ticket_id: 'X' }),
    status: 'ready',
    context: contextSaying('x'),
    rowVersion: '7',
  } as Ticket

  /** A cache on a clock the test moves, over row versions the test sets. */
  function cacheOnClock(versions = new Map([['tkt_x', '7']])) {
    let clock = 0
    const checks: string[][] = []
    let gate: Promise<void> = Promise.resolve()
    const cache = createReadyContextCache({
      ttlMs: 1_000,
      now: () => clock,
      readyRowVersions: async (ids) => {
        checks.push(ids)
        await gate
        return new Map(
          ids.flatMap((id) => (versions.has(id) ? [[id, versions.get(id) ?? '']] : [])),
        )
      },
    })
    return {
      cache,
      checks,
      advance: (ms: number) => {
        clock += ms
      },
      holdChecks: () => {
        let open = () => {}
        gate = new Promise((resolve) => {
          open = resolve
        })
        return open
      },
    }
  }

  it('serves an entry within its TTL, then keeps it for another TTL once found unchanged', async () => {
    const { cache, checks, advance } = cacheOnClock()
    assert.equal(await cache.revalidate('tkt_x'), undefined, 'nothing to revalidate')
    cache.remember('tkt_x', ticket)
    cache.remember('api:X', ticket)
    advance(999)
    assert.equal(cache.get('tkt_x'), ticket)
    advance(1)
    assert.equal(cache.get('tkt_x'), undefined, 'expired')
    assert.equal(await cache.revalidate('tkt_x'), ticket)
    assert.deepEqual(checks, [['tkt_x']], 'both references are one ticket: checked once')
    assert.equal(cache.get('tkt_x'), ticket)
    assert.equal(cache.get('api:X'), ticket)
  })

  it('forgets a ticket under both references when its row changed or is no longer ready', async () => {
    const versions = new Map([['tkt_x', '8']])
    const { cache, advance } = cacheOnClock(versions)
    cache.remember('tkt_x', ticket)
    cache.remember('api:X', ticket)
    advance(1_000)
    assert.equal(await cache.revalidate('api:X'), undefined)
    assert.equal(await cache.revalidate('tkt_x'), undefined)
    versions.clear()
    cache.remember('tkt_x', ticket)
    advance(1_000)
    assert.equal(await cache.revalidate('tkt_x'), undefined, 'not ready any more')
  })

  it('checks the entries half-way to their TTL with the expired one, and only those', async () => {
    const versions = new Map(['a', 'b', 'c'].map((id) => [`tkt_${id}`, '1']))
    const { cache, checks, advance } = cacheOnClock(versions)
    const made = (id: string) => ({ ...ticket, id: `tkt_${id}`, rowVersion: '1' }) as Ticket
    cache.remember('tkt_a', made('a'))
    advance(400)
    cache.remember('tkt_b', made('b'))
    advance(200)
    cache.remember('tkt_c', made('c'))
    advance(400) // a: 1,000 ms old, b: 600, c: 400
    assert.equal((await cache.revalidate('tkt_a'))?.id, 'tkt_a')
    assert.deepEqual(checks, [['tkt_a', 'tkt_b']])
    advance(500) // a and b were checked 500 ms ago, c is 900 ms old
    assert.equal(cache.get('tkt_b')?.id, 'tkt_b')
    assert.equal(checks.length, 1)
    advance(100)
    assert.equal((await cache.revalidate('tkt_c'))?.id, 'tkt_c')
    assert.equal(checks[1]?.[0], 'tkt_c')
    assert.deepEqual(checks[1]?.slice(1).sort(), ['tkt_a', 'tkt_b'], 'due again: in the same query')
  })

  it(`checks at most ${MAX_CHECKED_AT_ONCE} entries in one query, the expired one among them`, async () => {
    const { cache, checks, advance } = cacheOnClock()
    for (let n = 0; n < MAX_CHECKED_AT_ONCE + 100; n++)
      cache.remember(`tkt_${n}`, { ...ticket, id: `tkt_${n}` } as Ticket)
    advance(1_000)
    await cache.revalidate('tkt_42')
    assert.equal(checks[0]?.length, MAX_CHECKED_AT_ONCE)
    assert.equal(checks[0]?.[0], 'tkt_42')
  })

  it('lets reads of entries being checked wait for that check instead of starting another', async () => {
    const { cache, checks, advance, holdChecks } = cacheOnClock()
    cache.remember('tkt_x', ticket)
    cache.remember('api:X', ticket)
    advance(1_000)
    const open = holdChecks()
    const reads = [cache.revalidate('tkt_x'), cache.revalidate('api:X'), cache.revalidate('tkt_x')]
    open()
    assert.deepEqual(await Promise.all(reads), [ticket, ticket, ticket])
    assert.equal(checks.length, 1)
  })

  it('does not bring back a ticket forgotten or replaced while its check ran', async () => {
    const { cache, advance, holdChecks } = cacheOnClock()
    cache.remember('tkt_x', ticket)
    cache.remember('api:X', ticket)
    advance(1_000)
    const open = holdChecks()
    const forgotten = cache.revalidate('tkt_x')
    cache.forget(ticket)
    const replacement = { ...ticket, rowVersion: '9' } as Ticket
    cache.remember('api:X', replacement)
    open()
    assert.equal(await forgotten, undefined)
    assert.equal(cache.get('tkt_x'), undefined)
    assert.equal(cache.get('api:X'), replacement)
  })

  it('rejects when the check fails, and checks again on the next read', async () => {
    let failing = true
    const cache = createReadyContextCache({
      ttlMs: 1,
      readyRowVersions: async () => {
        if (failing) throw new Error('database unavailable')
        return new Map([['tkt_x', '7']])
      },
    })
    cache.remember('tkt_x', ticket)
    await sleep(5)
    await assert.rejects(cache.revalidate('tkt_x'), /database unavailable/)
    failing = false
    assert.equal(await cache.revalidate('tkt_x'), ticket)
  })

  it('keeps only ready tickets, and nothing when turned off', async () => {
    const { cache } = cacheOnClock()
    cache.remember('tkt_x', { ...ticket, status: 'processing' })
    assert.equal(cache.get('tkt_x'), undefined)
    const off = createReadyContextCache({
      ttlMs: 0,
      readyRowVersions: () => assert.fail('turned off: nothing is checked'),
    })
    off.remember('tkt_x', ticket)
    assert.equal(off.get('tkt_x'), undefined)
    assert.equal(await off.revalidate('tkt_x'), undefined)
  })
})
