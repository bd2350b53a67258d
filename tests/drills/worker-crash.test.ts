import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfig } from '../../app/config.ts'
import { intakeTicket } from '../../app/core/tickets/intake.ts'
import { createDeps } from '../../app/deps.ts'
import { createLogger } from '../../app/observability/logger.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'
import { seedDatabase } from '../../app/seed/seed-database.ts'
import { openPostgresSchema, postgresUrl, REQUIRE_ALL_BACKENDS } from '../helpers/databases.ts'
import { ticketRequest } from '../helpers/tickets.ts'

const WORKER = new URL('../../app/entry/worker.ts', import.meta.url).pathname
const TICKETS = 300
const unavailable = postgresUrl
  ? undefined
  : 'no DATABASE_URL (postgres://...): worker processes share a server'

function startWorker(url: string, documents: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DOCUMENTS_URL: `file://${documents}`,
      QUEUE_VISIBILITY_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function count(db: SqlDatabase, sql: string): Promise<number> {
  return (await db.query<{ n: number }>(sql))[0]?.n ?? 0
}

describe('drill: a worker killed mid-batch', {
  skip: REQUIRE_ALL_BACKENDS ? undefined : unavailable,
}, () => {
  const children: ChildProcess[] = []
  after(() => {
    for (const child of children) child.kill('SIGKILL')
  })

  it('loses nothing: every ticket ends ready exactly once after a SIGKILL and a restart', async () => {
    if (!postgresUrl) throw new Error(`required by REQUIRE_ALL_BACKENDS=1 but ${unavailable}`)
    const { db, url } = await openPostgresSchema(postgresUrl)
    const documents = mkdtempSync(join(tmpdir(), 'drill-docs-'))
    const config = loadConfig({
      DATABASE_URL: url,
      DOCUMENTS_URL: `file://${documents}`,
      LOG_LEVEL: 'silent',
    })
    const deps = await createDeps(config, { db, logger: createLogger({ level: 'silent' }) })
    try {
      await seedDatabase({ db, interactions: deps.interactions, customers: 5 })
      for (let n = 0; n < TICKETS; n++) {
        const customer = `CUST-0000${(n % 5) + 1}`
        await intakeTicket(
          deps,
          ticketRequest({ external_ticket_id: `DRILL-${n}`, customer_external_id: customer }),
          `corr-drill-${n}`,
        )
      }
      const ready = () => count(db, `SELECT COUNT(*)::int AS n FROM tickets WHERE status = 'ready'`)

      const first = startWorker(url, documents)
      children.push(first)
      while ((await ready()) < 20) await sleep(10)
      first.kill('SIGKILL')
      await once(first, 'exit')
      const readyAtKill = await ready()
      assert.ok(readyAtKill < TICKETS, 'the worker was killed before it finished')

      const second = startWorker(url, documents)
      children.push(second)
      const deadline = Date.now() + 90_000
      while ((await ready()) < TICKETS && Date.now() < deadline) await sleep(100)
      second.kill('SIGTERM')
      await once(second, 'exit')

      assert.equal(await ready(), TICKETS)
      const perTicket = await db.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM interactions WHERE summary LIKE 'Ticket api/DRILL-%' GROUP BY summary`,
      )
      assert.equal(perTicket.length, TICKETS, 'one interaction per ticket')
      assert.ok(
        perTicket.every((row) => row.n === 1),
        'no ticket completed twice',
      )
      assert.deepEqual(await deps.queue.depth(), { visible: 0, inFlight: 0, dead: 0 })
    } finally {
      await deps.close()
      await db.close()
    }
  })
})
