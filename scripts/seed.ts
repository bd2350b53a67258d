/**
 * Seeds the sample customers, orders and interactions into DATABASE_URL (default: the embedded
 * database under .data/). Usage: npm run seed [-- --reset] [-- --customers 500]
 */
import { parseArgs } from 'node:util'
import { createDeps } from '../app/deps.ts'
import { loadConfigOrExit } from '../app/entry/boot.ts'
import { createLogger } from '../app/observability/logger.ts'
import { seedDatabase } from '../app/seed/seed-database.ts'

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    customers: { type: 'string', default: '240' },
  },
})
const customers = Number(values.customers)
if (!Number.isInteger(customers) || customers < 1) {
  process.stderr.write('--customers must be a positive integer\n')
  process.exit(1)
}

const deps = await createDeps(loadConfigOrExit(), { logger: createLogger({ level: 'warn' }) })
const started = performance.now()
const result = await seedDatabase({
  db: deps.db,
  interactions: deps.interactions,
  customers,
  reset: values.reset,
  onProgress: (step, done, total) =>
    process.stderr.write(`\r${step}: ${done}/${total}   ${done === total ? '\n' : ''}`),
})
await deps.close()
if (!result.seeded) {
  console.log(`Already seeded (${result.customers} customers); use --reset to start over.`)
} else {
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `Seeded ${result.customers} customers, ${result.orders} orders, ${result.interactions} interactions into ${deps.db.kind} in ${seconds} s.`,
  )
}
