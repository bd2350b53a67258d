import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { readJson } from '../helpers/http.ts'

const SERVER = new URL('../../app/entry/server.ts', import.meta.url).pathname

function start(env: Record<string, string>): ChildProcess {
  // As `npm start` runs it: node itself receives the signals (the tsx CLI would relay them).
  return spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Resolves the port from the server's `listening` log line; keeps draining stdout after. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    child.stdout?.on('data', (chunk) => {
      buffered += chunk
      const match = buffered.match(/"message":"listening","port":(\d+)/)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', () => reject(new Error(`server exited before listening: ${buffered}`)))
  })
}

describe('the Node server over real HTTP', () => {
  const children: ChildProcess[] = []
  after(() => {
    for (const child of children) child.kill('SIGKILL')
  })

  it('seeds an empty embedded database and serves a customer 360 with the dev key', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'server-')), 'dev-api-key')
    const child = start({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'pglite://memory',
      SEED_ON_START: 'auto',
      DEV_API_KEY_FILE: keyFile,
    })
    children.push(child)
    const port = await listeningPort(child)
    const key = readFileSync(keyFile, 'utf8').trim()
    const response = await fetch(`http://127.0.0.1:${port}/customers/CUST-00002/context`, {
      headers: { authorization: `Bearer ${key}` },
    })
    assert.equal(response.status, 200)
    const body = await readJson(response)
    assert.equal(body.customer.external_id, 'CUST-00002')
    assert.equal(body.churn_risk, 'high')
    const refused = await fetch(`http://127.0.0.1:${port}/customers/CUST-00002/context`)
    assert.equal(refused.status, 401)
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    const health = await fetch(`http://127.0.0.1:${port}/health`)
    assert.equal(health.status, 200)
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    assert.equal(code, 0)
  })

  it('refuses to start on a bad setting with one line naming the variable', async () => {
    const child = start({ PORT: 'not-a-port', DATABASE_URL: 'mysql://x' })
    children.push(child)
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    const [code] = await once(child, 'exit')
    assert.equal(code, 1)
    const lines = stderr.trim().split('\n')
    assert.equal(lines.length, 1)
    assert.match(stderr, /PORT: /)
    assert.match(stderr, /DATABASE_URL: must start with pglite:\/\//)
  })
})
