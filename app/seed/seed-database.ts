import type { InteractionLog } from '../ports/interaction-log.ts'
import type { SqlDatabase } from '../ports/sql.ts'
import { generateSampleData, type SampleCustomer, type SampleOrder } from './sample-data.ts'

const BATCH = 500

export interface SeedResult {
  seeded: boolean
  customers: number
  orders: number
  interactions: number
}

export interface SeedOptions {
  db: SqlDatabase
  interactions: InteractionLog
  customers?: number
  now?: Date
  /** Delete existing customers, orders and interactions first. */
  reset?: boolean
  onProgress?: (step: string, done: number, total: number) => void
}

/** Writes the sample data unless customers already exist (then resolves seeded: false). */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const { db, onProgress = () => {} } = options
  if (options.reset) await db.query('TRUNCATE customers, orders, interactions RESTART IDENTITY')
  const [existing] = await db.query<{ count: number }>(
    'SELECT COUNT(*)::int AS count FROM customers',
  )
  if (existing && existing.count > 0)
    return { seeded: false, customers: existing.count, orders: 0, interactions: 0 }

  const data = generateSampleData({ customers: options.customers, now: options.now })
  await inBatches(
    data.customers,
    (batch) => insertCustomers(db, batch),
    (done) => onProgress('customers', done, data.customers.length),
  )
  await inBatches(
    data.orders,
    (batch) => insertOrders(db, batch),
    (done) => onProgress('orders', done, data.orders.length),
  )
  await inBatches(
    data.interactions,
    (batch) => options.interactions.record(batch),
    (done) => onProgress('interactions', done, data.interactions.length),
  )
  return {
    seeded: true,
    customers: data.customers.length,
    orders: data.orders.length,
    interactions: data.interactions.length,
  }
}

async function inBatches<T>(
  items: T[],
  write: (batch: T[]) => Promise<void>,
  progress: (done: number) => void,
) {
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH)
    await write(batch)
    progress(start + batch.length)
  }
}

async function insertCustomers(db: SqlDatabase, customers: SampleCustomer[]): Promise<void> {
  await db.query(
    `INSERT INTO customers (external_id, name, email, company, tier, created_at, metadata)
     SELECT external_id, name, email, company, tier, created_at, metadata::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       AS t (external_id, name, email, company, tier, created_at, metadata)`,
    [
      customers.map((c) => c.externalId),
      customers.map((c) => c.name),
      customers.map((c) => c.email),
      customers.map((c) => c.company),
      customers.map((c) => c.tier),
      customers.map((c) => c.createdAt.toISOString()),
      customers.map((c) => JSON.stringify(c.metadata)),
    ],
  )
}

async function insertOrders(db: SqlDatabase, orders: SampleOrder[]): Promise<void> {
  await db.query(
    `INSERT INTO orders (customer_id, order_number, status, total_amount, currency, ordered_at, metadata)
     SELECT c.id, t.order_number, t.status, t.total_amount, t.currency, t.ordered_at, t.metadata::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::timestamptz[], $7::text[])
       AS t (customer_external_id, order_number, status, total_amount, currency, ordered_at, metadata)
     JOIN customers c ON c.external_id = t.customer_external_id`,
    [
      orders.map((o) => o.customerExternalId),
      orders.map((o) => o.orderNumber),
      orders.map((o) => o.status),
      orders.map((o) => o.totalAmount),
      orders.map((o) => o.currency),
      orders.map((o) => o.orderedAt.toISOString()),
      orders.map((o) => JSON.stringify(o.metadata)),
    ],
  )
}
