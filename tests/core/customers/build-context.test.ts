import assert from 'node:assert/strict'
import { it } from 'node:test'
import { createSqlInteractionLog } from '../../../app/adapters/interaction-log/sql.ts'
import { buildCustomerContext } from '../../../app/core/customers/build-context.ts'
import { AppError } from '../../../app/core/errors.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { DAY, insertCustomer, insertOrder } from '../../helpers/fixtures.ts'

const NOW = new Date('2026-06-01T12:00:00.000Z')
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

describeEachDatabase('buildCustomerContext', (open) => {
  const build = (db: SqlDatabase, id: string, highValueThreshold = 10_000) =>
    buildCustomerContext(
      { db, interactions: createSqlInteractionLog({ db }), highValueThreshold },
      id,
      NOW,
    )

  it('returns the 5 most recent orders, newest first, with exact amounts', async () => {
    const db = await open()
    const id = await insertCustomer(db, 'CUST-ORD', { tier: 'premium', company: 'Acme' })
    for (let n = 1; n <= 7; n++) {
      await insertOrder(db, id, `ORD-${n}`, { amount: `${n}00.10`, orderedAt: ago(20 - n) })
    }
    const context = await build(db, 'CUST-ORD')
    assert.deepEqual(
      context.recent_orders.map((o) => o.order_number),
      ['ORD-7', 'ORD-6', 'ORD-5', 'ORD-4', 'ORD-3'],
    )
    assert.equal(context.recent_orders[0]?.total_amount, '700.10')
    assert.equal(context.recent_orders[0]?.ordered_at, ago(13).toISOString())
    assert.equal(context.total_orders, 7)
    assert.equal(context.lifetime_value, '2800.70')
    assert.equal(context.customer.company, 'Acme')
    assert.deepEqual(context.customer.metadata, { segment: 'test' })
  })

  it('leaves cancelled and refunded orders out of the lifetime value', async () => {
    const db = await open()
    const id = await insertCustomer(db, 'CUST-LTV')
    await insertOrder(db, id, 'A', { amount: '10.00', orderedAt: ago(3) })
    await insertOrder(db, id, 'B', { amount: '99.99', status: 'refunded', orderedAt: ago(2) })
    await insertOrder(db, id, 'C', { amount: '50.00', status: 'cancelled', orderedAt: ago(1) })
    const context = await build(db, 'CUST-LTV')
    assert.equal(context.lifetime_value, '10.00')
    assert.equal(context.total_orders, 3)
  })

  it('flags high value at the configured threshold, inclusive', async () => {
    const db = await open()
    const id = await insertCustomer(db, 'CUST-HV', { tier: 'enterprise' })
    await insertOrder(db, id, 'BIG', { amount: '10000.00', orderedAt: ago(1) })
    assert.equal((await build(db, 'CUST-HV')).is_high_value, true)
    assert.equal((await build(db, 'CUST-HV', 10_000.01)).is_high_value, false)
  })

  it('averages sentiment over 90 days and reports the last interaction', async () => {
    const db = await open()
    await insertCustomer(db, 'CUST-SENT', { tier: 'standard' })
    const log = createSqlInteractionLog({ db })
    await log.record([
      {
        customerId: 'CUST-SENT',
        occurredAt: ago(1),
        channel: 'chat',
        sentiment: -0.8,
        summary: 'angry',
      },
      {
        customerId: 'CUST-SENT',
        occurredAt: ago(10),
        channel: 'email',
        sentiment: -0.4,
        summary: 'upset',
      },
      {
        customerId: 'CUST-SENT',
        occurredAt: ago(100),
        channel: 'email',
        sentiment: 1,
        summary: 'old',
      },
    ])
    const context = await build(db, 'CUST-SENT')
    assert.equal(context.average_sentiment_90d, -0.6)
    assert.equal(context.interactions_90d, 2)
    assert.deepEqual(context.last_interaction, {
      occurred_at: ago(1).toISOString(),
      channel: 'chat',
      sentiment: -0.8,
      summary: 'angry',
    })
    assert.equal(context.churn_risk, 'medium')
  })

  it('computes each churn-risk level from the data', async () => {
    const db = await open()
    const log = createSqlInteractionLog({ db })
    const low = await insertCustomer(db, 'CUST-LOW', { tier: 'premium' })
    await insertOrder(db, low, 'L1', { orderedAt: ago(2) })
    await log.record([
      { customerId: 'CUST-LOW', occurredAt: ago(2), channel: 'web', sentiment: 0.7, summary: 'ok' },
    ])
    await insertCustomer(db, 'CUST-HIGH', { tier: 'free' })
    await log.record([
      {
        customerId: 'CUST-HIGH',
        occurredAt: ago(5),
        channel: 'phone',
        sentiment: -0.9,
        summary: 'x',
      },
    ])
    const idle = await insertCustomer(db, 'CUST-IDLE', { tier: 'standard' })
    await insertOrder(db, idle, 'I1', { orderedAt: ago(70) })
    assert.equal((await build(db, 'CUST-LOW')).churn_risk, 'low')
    assert.equal((await build(db, 'CUST-HIGH')).churn_risk, 'high')
    const medium = await build(db, 'CUST-IDLE')
    assert.equal(medium.churn_risk, 'medium')
    assert.deepEqual(medium.churn_risk_reasons, ['inactive for 70 days'])
  })

  it('answers a customer with no orders or interactions', async () => {
    const db = await open()
    await insertCustomer(db, 'CUST-NEW', { tier: 'standard' })
    const context = await build(db, 'CUST-NEW')
    assert.equal(context.lifetime_value, '0.00')
    assert.deepEqual(context.recent_orders, [])
    assert.equal(context.average_sentiment_90d, null)
    assert.equal(context.last_interaction, null)
    assert.equal(context.open_tickets, 0)
  })

  it('throws not_found for an unknown customer', async () => {
    const db = await open()
    await assert.rejects(
      build(db, 'CUST-NOPE'),
      (error) => error instanceof AppError && error.code === 'not_found',
    )
  })
})
