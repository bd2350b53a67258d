import assert from 'node:assert/strict'
import { it } from 'node:test'
import { migrate } from '../../app/adapters/sql/migrate.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'

/** The behaviour every SqlDatabase adapter must show. `open` gives a fresh migrated database. */
export function sqlDatabaseContract(open: () => Promise<SqlDatabase>) {
  it('round-trips JSONB, DECIMAL, timestamps and integers identically', async () => {
    const db = await open()
    const metadata = { items: 3, nested: { tags: ['a', 'ü'], ok: true }, none: null }
    const at = new Date('2024-02-29T23:59:59.123Z')
    await db.query(
      `INSERT INTO customers (external_id, name, email, tier, created_at, metadata)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      ['CUST-RT', 'Round Trip', 'rt@example.com', 'premium', at, metadata],
    )
    await db.query(
      `INSERT INTO orders (customer_id, order_number, status, total_amount, ordered_at, metadata)
       SELECT id, $2, 'paid', $3, $4, $5 FROM customers WHERE external_id = $1`,
      ['CUST-RT', 'ORD-RT-1', '1234567890.05', at, { coupon: 'SAVE10' }],
    )
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT c.id, c.created_at, c.metadata, o.total_amount, o.metadata AS order_metadata,
              COUNT(*) OVER () AS total
       FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.external_id = $1`,
      ['CUST-RT'],
    )
    assert.ok(row)
    assert.deepEqual(row.metadata, metadata)
    assert.deepEqual(row.order_metadata, { coupon: 'SAVE10' })
    assert.equal(row.total_amount, '1234567890.05')
    assert.ok(row.created_at instanceof Date)
    assert.equal((row.created_at as Date).toISOString(), at.toISOString())
    assert.equal(typeof row.id, 'number')
    assert.equal(row.total, 1)
  })

  it('binds values as parameters, never as SQL text', async () => {
    const db = await open()
    const hostile = "x'); DROP TABLE customers; --"
    const rows = await db.query<{ echoed: string }>('SELECT $1::text AS echoed', [hostile])
    assert.equal(rows[0]?.echoed, hostile)
    const [count] = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM customers')
    assert.equal(count?.n, 0)
  })

  it('commits a transaction that resolves and rolls back one that rejects', async () => {
    const db = await open()
    const insert = 'INSERT INTO customers (external_id, name, email, tier) VALUES ($1, $2, $3, $4)'
    await db.transaction(async (tx) => {
      await tx.query(insert, ['CUST-KEEP', 'Keep', 'k@example.com', 'free'])
    })
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, ['CUST-DROP', 'Drop', 'd@example.com', 'free'])
        throw new Error('abort')
      }),
      /abort/,
    )
    const rows = await db.query<{ external_id: string }>(
      'SELECT external_id FROM customers ORDER BY 1',
    )
    assert.deepEqual(
      rows.map((r) => r.external_id),
      ['CUST-KEEP'],
    )
  })

  it('rejects a constraint violation with the database error', async () => {
    const db = await open()
    await assert.rejects(
      db.query('INSERT INTO customers (external_id, name, email, tier) VALUES ($1, $2, $3, $4)', [
        'CUST-X',
        'X',
        'x@example.com',
        'platinum',
      ]),
      /check constraint/,
    )
  })

  it('records migrations so a second run applies nothing', async () => {
    const db = await open()
    assert.deepEqual(await migrate(db), [])
    const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')
    assert.ok(rows.some((r) => r.id === '0001_customers_orders_interactions'))
  })

  it('creates the indexes the customer 360 relies on', async () => {
    const db = await open()
    const rows = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'orders' AND schemaname = current_schema()`,
    )
    const names = rows.map((r) => r.indexname)
    assert.ok(names.includes('orders_customer_recent_idx'), names.join(','))
    assert.ok(names.includes('orders_status_idx'))
  })
}
