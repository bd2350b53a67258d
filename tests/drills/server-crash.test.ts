import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { crashDrill } from '../../scripts/drill/crash.ts'
import { pgliteDatabase, tempRoot } from '../../scripts/drill/database.ts'
import { scanForPersonalData } from '../../scripts/drill/pii.ts'
import { allServerLogs } from '../../scripts/drill/server.ts'

/** The CI subset of `npm run drill`'s crash drill: the real server on PGlite, a smaller burst. */
describe('drill: the server SIGKILLed in the middle of a burst of tickets (PGlite)', () => {
  const root = tempRoot()
  after(() => rmSync(root, { recursive: true, force: true }))

  it('loses nothing, half-makes nothing and processes each ticket once after a restart', async () => {
    const outcome = await crashDrill({
      name: 'crash (pglite, CI)',
      database: pgliteDatabase(root),
      tickets: 300,
      concurrency: 20,
    })
    assert.deepEqual(outcome.problems, [])
    assert.ok(
      (outcome.details.accepted as number) > 0,
      'some tickets were accepted before the kill',
    )
    assert.equal(outcome.tickets_lost, 0)
    assert.equal(outcome.duplicates, 0)
    assert.equal(outcome['5xx'], 0)
  })

  it('leaves no seeded email or name in either server’s logs', () => {
    const logs = allServerLogs.map((log) => ({ name: log.name, text: log.text() }))
    assert.ok(logs.length >= 2)
    assert.deepEqual(scanForPersonalData(logs), [])
  })
})
