import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from '../../app/config.ts'

describe('loadConfig', () => {
  it('selects the embedded twins with no environment at all', () => {
    const config = loadConfig({})
    assert.equal(config.PORT, 3000)
    assert.equal(config.DATABASE_URL, 'pglite://.data/pg')
    assert.equal(config.HIGH_VALUE_THRESHOLD, 10_000)
  })

  it('coerces numbers from strings', () => {
    const config = loadConfig({ PORT: '8080', HIGH_VALUE_THRESHOLD: '2500.5' })
    assert.equal(config.PORT, 8080)
    assert.equal(config.HIGH_VALUE_THRESHOLD, 2500.5)
  })

  it('fails with one line naming each bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://db' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        !error.message.includes('\n') &&
        /PORT: /.test(error.message) &&
        /DATABASE_URL: must start with/.test(error.message),
    )
  })
})
