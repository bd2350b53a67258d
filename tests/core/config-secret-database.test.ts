import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'
import { createAwsClients } from '../../app/adapters/aws-clients.ts'
import { openPlannedDatabase } from '../../app/adapters/open-adapters.ts'
import { postgresUrl, REQUIRE_ALL_BACKENDS } from '../helpers/databases.ts'
import { describeWithMoto, uniqueName, useMoto } from '../helpers/moto.ts'

/** The RDS secret JSON for the test server, as `user` (a user that does not exist fails auth). */
function secretFor(user: string): string {
  const url = new URL(postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  const password = decodeURIComponent(url.password) || 'unused'
  return JSON.stringify({
    username: user,
    password,
    host: url.hostname,
    port: url.port || '5432',
    dbname: url.pathname.slice(1) || 'postgres',
  })
}

const skip = !postgresUrl && !REQUIRE_ALL_BACKENDS ? 'no DATABASE_URL (postgres://...) set' : false

describeWithMoto('DATABASE_SECRET_ARN: PostgreSQL credentials from Secrets Manager', () => {
  const moto = useMoto()
  let secrets: SecretsManagerClient
  const open = (secretId: string, fallback = {}) =>
    openPlannedDatabase(
      { kind: 'postgres-secret', secretId, fallback },
      createAwsClients({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: moto.endpoint }),
    )
  before(() => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test'
    secrets = new SecretsManagerClient(moto.config)
  })
  after(() => secrets?.destroy())

  it('re-reads the secret and reconnects once when the server rejects rotated credentials', {
    skip,
  }, async () => {
    assert.ok(postgresUrl, 'REQUIRE_ALL_BACKENDS=1 needs a postgres:// DATABASE_URL')
    const user = new URL(postgresUrl).username || 'postgres'
    const name = uniqueName('rds')
    await secrets.send(
      new CreateSecretCommand({ Name: name, SecretString: secretFor('rotated_away') }),
    )
    const db = await open(name)
    try {
      // The pool holds the old credentials; the rotation lands in the secret.
      await secrets.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: secretFor(user) }),
      )
      const [row] = await db.query<{ one: number }>('SELECT 1 AS one')
      assert.equal(row?.one, 1)
      assert.equal(
        await db.transaction(async (tx) => (await tx.query('SELECT 2 AS two')).length),
        1,
      )
    } finally {
      await db.close()
    }
  })

  it('takes the host, port and database from the stack when the secret is RDS-managed', {
    skip,
  }, async () => {
    assert.ok(postgresUrl, 'REQUIRE_ALL_BACKENDS=1 needs a postgres:// DATABASE_URL')
    const full = JSON.parse(secretFor(new URL(postgresUrl).username || 'postgres'))
    const name = uniqueName('rds')
    // What manageMasterUserPassword writes: username and password, nothing else.
    const managed = JSON.stringify({ username: full.username, password: full.password })
    await secrets.send(new CreateSecretCommand({ Name: name, SecretString: managed }))
    const db = await open(name, {
      host: full.host,
      port: Number(full.port),
      dbname: full.dbname,
    })
    try {
      const [row] = await db.query<{ one: number }>('SELECT 1 AS one')
      assert.equal(row?.one, 1)
    } finally {
      await db.close()
    }
    await assert.rejects(open(name), /has no host.*DATABASE_HOST/)
  })

  it('rejects with the authentication error when the secret is still wrong', { skip }, async () => {
    const name = uniqueName('rds')
    await secrets.send(
      new CreateSecretCommand({ Name: name, SecretString: secretFor('nobody_here') }),
    )
    const db = await open(name)
    try {
      await assert.rejects(db.query('SELECT 1'), (error: { code?: string }) =>
        ['28P01', '28000'].includes(error.code ?? ''),
      )
    } finally {
      await db.close()
    }
  })
})
