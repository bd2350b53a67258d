import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createSqlInteractionLog } from '../../../app/adapters/interaction-log/sql.ts'
import { migrate } from '../../../app/adapters/sql/migrate.ts'
import { createPgliteDatabase } from '../../../app/adapters/sql/pglite.ts'
import { createCustomerContextService } from '../../../app/core/customers/context-service.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import { insertCustomer, insertOrder } from '../../helpers/fixtures.ts'

describe('customer context cache', () => {
  let db: SqlDatabase
  let clock = 1_000_000
  before(async () => {
    db = await createPgliteDatabase()
    await migrate(db)
    const id = await insertCustomer(db, 'CUST-C')
    await insertOrder(db, id, 'O-1', { amount: '5.00' })
  })
  after(() => db.close())

  const service = (ttlMs: number, maxEntries = 10) =>
    createCustomerContextService({
      db,
      interactions: createSqlInteractionLog({ db }),
      highValueThreshold: 10_000,
      ttlMs,
      maxEntries,
      now: () => clock,
    })

  it('serves a hit within the TTL and rebuilds after it', async () => {
    const contexts = service(60_000)
    assert.equal((await contexts.get('CUST-C')).cacheHit, false)
    const id = (
      await db.query<{ id: number }>(`SELECT id FROM customers WHERE external_id = 'CUST-C'`)
    )[0]?.id
    await insertOrder(db, id ?? 0, 'O-2', { amount: '7.00' })
    clock += 59_000
    const hit = await contexts.get('CUST-C')
    assert.equal(hit.cacheHit, true)
    assert.equal(hit.context.lifetime_value, '5.00')
    clock += 2_000
    const miss = await contexts.get('CUST-C')
    assert.equal(miss.cacheHit, false)
    assert.equal(miss.context.lifetime_value, '12.00')
  })

  it('forgets a customer on invalidate', async () => {
    const contexts = service(60_000)
    await contexts.get('CUST-C')
    contexts.invalidate('CUST-C')
    assert.equal((await contexts.get('CUST-C')).cacheHit, false)
  })

  it('caches nothing when the TTL is 0', async () => {
    const contexts = service(0)
    await contexts.get('CUST-C')
    assert.equal((await contexts.get('CUST-C')).cacheHit, false)
  })

  it('shares one build between concurrent misses and does not cache failures', async () => {
    const contexts = service(60_000)
    const [a, b] = await Promise.all([contexts.get('CUST-C'), contexts.get('CUST-C')])
    assert.equal(a.context, b.context)
    await assert.rejects(contexts.get('CUST-MISSING'))
    await assert.rejects(contexts.get('CUST-MISSING'))
  })
})
