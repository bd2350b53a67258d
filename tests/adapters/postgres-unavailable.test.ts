import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { describe, it } from 'node:test'
import { createPostgresDatabase, reconnectDelaySeconds } from '../../app/adapters/sql/postgres.ts'
import { DatabaseUnavailableError } from '../../app/ports/sql.ts'

/** A local port nothing listens on: connecting to it is refused at once. */
async function refusingPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

describe('PostgreSQL adapter while the server is down', () => {
  it('waits at most half a second between connection attempts, however many failed', () => {
    for (let retries = 0; retries <= 40; retries++) {
      const delay = reconnectDelaySeconds(retries)
      assert.ok(delay > 0 && delay <= 0.5, `retry ${retries}: ${delay} s`)
    }
    // Still growing at first: a brief outage is not met with a burst of connections.
    assert.ok(reconnectDelaySeconds(0) <= 0.05)
  })

  it('refuses every query as unavailable, the last of many as promptly as the first', async () => {
    const db = createPostgresDatabase({
      url: `postgres://u@127.0.0.1:${await refusingPort()}/x`,
      max: 1,
    })
    try {
      let last = 0
      // postgres.js's own backoff would make the eighth attempt wait 10–20 s.
      for (let attempt = 1; attempt <= 8; attempt++) {
        const started = performance.now()
        await assert.rejects(db.query('SELECT 1'), (error) => {
          assert.ok(error instanceof DatabaseUnavailableError, String(error))
          assert.match(error.message, /^Database unavailable: /)
          return true
        })
        last = performance.now() - started
      }
      assert.ok(last < 5_000, `the eighth query took ${Math.round(last)} ms to be refused`)
    } finally {
      await db.close()
    }
  })
})
