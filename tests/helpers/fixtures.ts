import type { CustomerTier, OrderStatus } from '../../app/core/customers/types.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'

export const DAY = 86_400_000

export async function insertCustomer(
  db: SqlDatabase,
  externalId: string,
  { tier = 'standard' as CustomerTier, name = 'Test Person', company = null as string | null } = {},
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO customers (external_id, name, email, company, tier, created_at, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      externalId,
      name,
      `${externalId.toLowerCase()}@example.com`,
      company,
      tier,
      new Date('2022-01-01'),
      { segment: 'test' },
    ],
  )
  if (!row) throw new Error('insert failed')
  return row.id
}

export async function insertOrder(
  db: SqlDatabase,
  customerId: number,
  orderNumber: string,
  { amount = '100.00', status = 'delivered' as OrderStatus, orderedAt = new Date() } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO orders (customer_id, order_number, status, total_amount, ordered_at, metadata)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [customerId, orderNumber, status, amount, orderedAt, { items: 1 }],
  )
}
