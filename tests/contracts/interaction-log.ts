import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Interaction, InteractionLog } from '../../app/ports/interaction-log.ts'

const DAY = 86_400_000
const NOW = new Date('2026-06-01T12:00:00.000Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)
const interaction = (customerId: string, days: number, sentiment = 0.2): Interaction => ({
  customerId,
  occurredAt: daysAgo(days),
  channel: 'email',
  sentiment,
  summary: `contact ${days} days ago`,
})

/** The behaviour every InteractionLog adapter must show. `open` gives an empty log. */
export function interactionLogContract(open: () => Promise<InteractionLog>) {
  it('lists a customer’s interactions newest first, only theirs', async () => {
    const log = await open()
    await log.record([
      interaction('C-1', 10),
      interaction('C-1', 2),
      interaction('C-2', 1),
      interaction('C-1', 5),
    ])
    const listed = await log.listRecent('C-1', { now: NOW })
    assert.deepEqual(
      listed.map((i) => i.summary),
      ['contact 2 days ago', 'contact 5 days ago', 'contact 10 days ago'],
    )
    assert.deepEqual(listed[0], interaction('C-1', 2))
  })

  it('hides interactions older than the 90-day retention', async () => {
    const log = await open()
    await log.record([interaction('C-3', 89), interaction('C-3', 91)])
    const listed = await log.listRecent('C-3', { now: NOW })
    assert.deepEqual(
      listed.map((i) => i.summary),
      ['contact 89 days ago'],
    )
  })

  it('honours since and limit', async () => {
    const log = await open()
    await log.record([1, 2, 3, 4, 5, 30].map((d) => interaction('C-4', d)))
    const recent = await log.listRecent('C-4', { now: NOW, since: daysAgo(7), limit: 3 })
    assert.deepEqual(
      recent.map((i) => i.summary),
      ['contact 1 days ago', 'contact 2 days ago', 'contact 3 days ago'],
    )
  })

  it('keeps sentiment exact at the bounds and rejects values outside -1..1', async () => {
    const log = await open()
    await log.record([
      interaction('C-5', 1, -1),
      interaction('C-5', 2, 1),
      interaction('C-5', 3, 0.123456),
    ])
    const listed = await log.listRecent('C-5', { now: NOW })
    assert.deepEqual(
      listed.map((i) => i.sentiment),
      [-1, 1, 0.123456],
    )
    await assert.rejects(log.record([interaction('C-5', 1, 1.5)]), RangeError)
    assert.equal((await log.listRecent('C-5', { now: NOW })).length, 3)
  })

  it('returns an empty list for an unknown customer and accepts an empty batch', async () => {
    const log = await open()
    await log.record([])
    assert.deepEqual(await log.listRecent('NOBODY', { now: NOW }), [])
  })

  it('keeps one interaction per customer and ref, however often it is recorded', async () => {
    const log = await open()
    const keyed = { ...interaction('C-6', 1), ref: 'ticket:tkt_1:abc' }
    await log.record([keyed])
    await log.record([keyed, { ...keyed, summary: 'a retry' }])
    await log.record([{ ...interaction('C-7', 1), ref: 'ticket:tkt_1:abc' }])
    const listed = await log.listRecent('C-6', { now: NOW })
    assert.deepEqual(
      listed.map((i) => [i.summary, i.ref]),
      [['contact 1 days ago', 'ticket:tkt_1:abc']],
    )
    assert.equal((await log.listRecent('C-7', { now: NOW })).length, 1)
  })
}
