/**
 * API keys: npm run apikey:create -- --name zendesk-prod [--rate 600] [--burst 60]
 *           npm run apikey -- list | revoke --name zendesk-prod
 * The key is printed once, on creation; only its SHA-256 is stored.
 */
import { parseArgs } from 'node:util'
import { createApiKey, listApiKeys, revokeApiKey } from '../app/core/auth/api-keys.ts'
import { createDeps } from '../app/deps.ts'
import { loadConfigOrExit } from '../app/entry/boot.ts'
import { createLogger } from '../app/observability/logger.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, rate: { type: 'string' }, burst: { type: 'string' } },
})
const config = loadConfigOrExit()
const deps = await createDeps(config, { logger: createLogger({ level: 'warn' }) })
const command = positionals[0] ?? 'create'
try {
  if (command === 'create') {
    if (!values.name) throw new Error('--name is required')
    const { apiKey, key } = await createApiKey(deps.db, {
      name: values.name,
      ratePerMinute: Number(values.rate ?? config.API_KEY_RATE_PER_MINUTE),
      burst: Number(values.burst ?? config.API_KEY_BURST),
    })
    console.log(
      `Created ${apiKey.name} (${apiKey.id}, ${apiKey.ratePerMinute}/min, burst ${apiKey.burst}).`,
    )
    console.log('Key (shown once; send it as "Authorization: Bearer <key>"):')
    console.log(key)
  } else if (command === 'list') {
    for (const k of await listApiKeys(deps.db)) {
      console.log(
        `${k.name}\t${k.id}\t${k.ratePerMinute}/min\tburst ${k.burst}\t${k.revokedAt ? 'revoked' : 'active'}`,
      )
    }
  } else if (command === 'revoke') {
    if (!values.name) throw new Error('--name is required')
    console.log(
      (await revokeApiKey(deps.db, values.name))
        ? `Revoked ${values.name}.`
        : `No active key ${values.name}.`,
    )
  } else throw new Error(`unknown command ${command}: use create, list or revoke`)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
} finally {
  await deps.close()
}
