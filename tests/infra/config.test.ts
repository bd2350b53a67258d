import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { parseStackConfig, standardTags } from '../../infra/config.ts'

function stackFile(stack: string): Record<string, unknown> {
  const { config } = parse(
    readFileSync(new URL(`../../Pulumi.${stack}.yaml`, import.meta.url), 'utf8'),
  )
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key.split(':')[1], value]),
  )
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

  it('names the key of a bad setting', () => {
    assert.throws(
      () => parseStackConfig({ environment: 'qa', costCenter: 'x' }),
      /support-context:environment/,
    )
  })
})
