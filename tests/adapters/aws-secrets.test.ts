import assert from 'node:assert/strict'
import { it } from 'node:test'
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'
import {
  createSecretDatabaseUrl,
  databaseUrlOf,
  isAuthFailure,
} from '../../app/adapters/secrets/database-url.ts'
import { describeWithMoto, uniqueName, useMoto } from '../helpers/moto.ts'

const moto = useMoto()
const rds = (password: string) => ({
  engine: 'postgres',
  username: 'app',
  password,
  host: 'db.internal',
  port: 5432,
  dbname: 'support',
})

async function openSecret(value: string) {
  const client = new SecretsManagerClient(moto.config)
  const secretId = uniqueName('db')
  await client.send(new CreateSecretCommand({ Name: secretId, SecretString: value }))
  const rotate = (next: string) =>
    client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: next }))
  return { client, secretId, rotate }
}

describeWithMoto('DATABASE_URL from Secrets Manager', () => {
  it('builds the URL from the RDS secret and caches it until invalidated after a rotation', async () => {
    const { client, secretId, rotate } = await openSecret(JSON.stringify(rds('first')))
    const source = createSecretDatabaseUrl({ secretId, client })
    assert.equal(await source.url(), 'postgres://app:first@db.internal:5432/support')
    await rotate(JSON.stringify(rds('second')))
    assert.equal(await source.url(), 'postgres://app:first@db.internal:5432/support', 'cached')
    source.invalidate()
    assert.equal(await source.url(), 'postgres://app:second@db.internal:5432/support')
  })

  it('reads the secret again once the TTL has passed, and once for concurrent callers', async () => {
    const { client, secretId, rotate } = await openSecret(JSON.stringify(rds('first')))
    let clock = 0
    let reads = 0
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'GetSecretValueCommand') reads++
        return next(args)
      },
      { step: 'initialize' },
    )
    const source = createSecretDatabaseUrl({ secretId, client, ttlMs: 1_000, now: () => clock })
    await Promise.all([source.url(), source.url(), source.url()])
    assert.equal(reads, 1)
    await rotate(JSON.stringify(rds('second')))
    clock = 1_000
    assert.match(await source.url(), /:second@/)
    assert.equal(reads, 2)
  })

  it('rejects a malformed secret without echoing its value', async () => {
    const { client, secretId } = await openSecret('{"password":"hunter2-not-json')
    const source = createSecretDatabaseUrl({ secretId, client })
    const error = await source.url().then(
      () => null,
      (e: Error) => e,
    )
    assert.match(String(error?.message), /is not JSON/)
    assert.doesNotMatch(`${error?.message} ${error?.stack}`, /hunter2/)
    const missing = await openSecret(JSON.stringify({ username: 'app', password: 'hunter2' }))
    const incomplete = createSecretDatabaseUrl({ ...missing })
    await assert.rejects(
      incomplete.url(),
      (e: Error) => /no host/.test(e.message) && !/hunter2/.test(e.message),
    )
  })
})

it('percent-encodes credentials and defaults port and database', () => {
  const url = databaseUrlOf(
    { username: 'a@b', password: 'p/ss:w@rd#?', host: 'h' },
    {
      sslmode: 'require',
    },
  )
  assert.equal(url, 'postgres://a%40b:p%2Fss%3Aw%40rd%23%3F@h:5432/postgres?sslmode=require')
  assert.equal(new URL(url).password, 'p%2Fss%3Aw%40rd%23%3F')
})

it('recognises PostgreSQL authentication failures', () => {
  assert.equal(isAuthFailure({ code: '28P01' }), true)
  assert.equal(isAuthFailure({ code: '57P01' }), false)
  assert.equal(isAuthFailure(null), false)
})
