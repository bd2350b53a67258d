import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import {
  parseStackConfig,
  readStackConfig,
  stackFileSettings,
  standardTags,
} from '../../infra/config.ts'

function stackFile(stack: string): Record<string, unknown> {
  const text = readFileSync(new URL(`../../Pulumi.${stack}.yaml`, import.meta.url), 'utf8')
  return stackFileSettings(parse(text))
}

describe('stack configuration', () => {
  for (const stack of ['dev', 'prod']) {
    it(`parses Pulumi.${stack}.yaml`, () => {
      const config = parseStackConfig(stackFile(stack))
      assert.equal(config.environment, stack)
      assert.deepEqual(Object.keys(standardTags(config, 'support-context')).sort(), [
        'CostCenter',
        'Environment',
        'ManagedBy',
        'Project',
      ])
    })
  }

  it('fills the defaults of a section the stack file leaves out', () => {
    const settings = stackFile('dev')
    delete settings.queue
    const config = parseStackConfig(settings)
    assert.equal(config.queue.maxReceiveCount, 3)
    assert.equal(config.queue.visibilityTimeoutSeconds, 60)
  })

  it('reads structured values the way Pulumi passes them (JSON strings)', () => {
    const settings = stackFile('prod')
    const asPulumiGives = (key: string) => {
      const value = settings[key]
      if (value === undefined) return undefined
      return typeof value === 'string' ? value : JSON.stringify(value)
    }
    const config = readStackConfig(asPulumiGives)
    assert.equal(config.knowledgeBase.vectorStore, 'opensearch-serverless')
    assert.equal(config.database.multiAz, true)
  })

  it('names the key of a bad setting', () => {
    const settings = { ...stackFile('dev'), environment: 'qa' }
    assert.throws(() => parseStackConfig(settings), /support-context:environment/)
  })

  it('names a nested key and an unknown one', () => {
    const settings = stackFile('dev')
    const database = settings.database as Record<string, unknown>
    settings.database = { ...database, instanceClass: 'huge', multiAZ: true }
    assert.throws(
      () => parseStackConfig(settings),
      (error: Error) =>
        /support-context:database\.instanceClass/.test(error.message) &&
        /multiAZ/.test(error.message),
    )
  })
})
