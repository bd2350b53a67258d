import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { type BuiltBundle, buildLambdas } from '../scripts/build.ts'
import { openPostgresSchema, postgresUrl, REQUIRE_ALL_BACKENDS } from './helpers/databases.ts'
import { documentsFolder, ONE_OF_EACH } from './helpers/documents.ts'

const healthEvent = new URL('./fixtures/lambda/function-url-get-health.json', import.meta.url)

describe('npm run build (Lambda bundles)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'lambda-build-'))
  let bundles: BuiltBundle[] = []
  before(async () => {
    bundles = await buildLambdas(outdir)
  })
  after(() => rmSync(outdir, { recursive: true, force: true }))

  it('writes one ESM bundle per handler without PGlite in it', () => {
    assert.deepEqual(bundles.map((b) => b.name).sort(), [
      'document-sync',
      'http',
      'opensearch-index',
      'outbox-relay',
      'ticket-worker',
    ])
    for (const bundle of bundles) {
      const inputs = Object.values(bundle.metafile.outputs).flatMap((o) => Object.keys(o.inputs))
      assert.ok(
        !inputs.some((path) => path.includes('node_modules/@electric-sql/pglite')),
        bundle.name,
      )
      assert.ok(bundle.bytes < 8 * 1024 * 1024, `${bundle.name} is ${bundle.bytes} bytes`)
    }
  })

  it('exports a handler from the http bundle, importable outside the source tree', async () => {
    const http = bundles.find((b) => b.name === 'http')
    assert.ok(http)
    const module = (await import(pathToFileURL(http.file).href)) as { handler: unknown }
    assert.equal(typeof module.handler, 'function')
  })

  const skip =
    !postgresUrl && !REQUIRE_ALL_BACKENDS ? 'no DATABASE_URL (postgres://...) set' : false
  it('answers GET /health from the bundle alone, on PostgreSQL', { skip }, async () => {
    assert.ok(postgresUrl, 'REQUIRE_ALL_BACKENDS=1 needs a postgres:// DATABASE_URL')
    const { db, url } = await openPostgresSchema(postgresUrl)
    try {
      const http = bundles.find((b) => b.name === 'http')
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(http?.file ?? '').href)})
const event = JSON.parse(${JSON.stringify(readFileSync(healthEvent, 'utf8'))})
const response = await handler(event)
process.stdout.write('\\n' + JSON.stringify(response))
process.exit(0)`
      // A clean environment, as on Lambda: only what the config needs, no node_modules nearby.
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: outdir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, LOG_LEVEL: 'warn' },
        timeout: 60_000,
      })
      assert.equal(run.status, 0, run.stderr)
      const response = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')
      assert.equal(response.statusCode, 200, run.stdout)
      assert.equal(JSON.parse(response.body).status, 'ok')
    } finally {
      await db.close()
    }
  })

  it('syncs documents from the bundle: the parsers load from their lazy chunk', {
    skip,
  }, async () => {
    assert.ok(postgresUrl, 'REQUIRE_ALL_BACKENDS=1 needs a postgres:// DATABASE_URL')
    const { db, url } = await openPostgresSchema(postgresUrl)
    const folder = documentsFolder()
    try {
      const http = bundles.find((b) => b.name === 'http')
      const event = JSON.parse(readFileSync(healthEvent, 'utf8'))
      // POST /kb/sync, then GET /kb/sync/{id} until the run is final, in one cold process.
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(http?.file ?? '').href)})
const base = JSON.parse(${JSON.stringify(JSON.stringify(event))})
const call = (method, path) => handler({ ...base, rawPath: path, requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method, path } } })
const started = JSON.parse((await call('POST', '/kb/sync')).body)
let record
for (let i = 0; i < 600; i++) {
  record = JSON.parse((await call('GET', '/kb/sync/' + started.job_id)).body)
  if (!['QUEUED', 'IN_PROGRESS'].includes(record.status)) break
  await new Promise((r) => setTimeout(r, 100))
}
// The first search loads the word vectors the build copied beside the bundle.
const found = await handler({ ...base, rawPath: '/kb/search', rawQueryString: 'q=I+forgot+my+password', queryStringParameters: { q: 'I forgot my password' }, requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method: 'GET', path: '/kb/search' } } })
process.stdout.write('\\n' + JSON.stringify({ record, search: JSON.parse(found.body), status: found.statusCode }))
process.exit(0)`
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: outdir,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: url,
          DOCUMENTS_URL: `file://${folder.root}`,
          AUTH_REQUIRED: 'false',
          LOG_LEVEL: 'warn',
        },
        timeout: 120_000,
      })
      assert.equal(run.status, 0, run.stderr)
      const { record, search, status } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')
      assert.equal(record.status, 'SUCCEEDED', run.stdout)
      // One real file of each of the six formats, PDF and DOCX included.
      assert.equal(record.counts.added, Object.keys(ONE_OF_EACH).length)
      assert.equal(status, 200, JSON.stringify(search))
      assert.equal(search.results[0]?.document_key, 'markdown/forgot-your-password.md')
    } finally {
      folder.cleanup()
      await db.close()
    }
  })
})
