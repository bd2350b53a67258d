import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface OwnPostgres {
  /** URL of database `name` on this server (created by createDatabase). */
  url(name?: string): string
  createDatabase(name: string): void
  /** `pg_ctl stop -m immediate`: the server dies as in a crash, connections drop at once. */
  crash(): void
  start(): void
  /** Stops the server and removes its directory. */
  destroy(): void
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** Runs a PostgreSQL binary as the `postgres` OS user when we are root (initdb refuses root). */
function run(binary: string, args: string[]): void {
  const command = join(BIN, binary)
  const asRoot = process.getuid?.() === 0
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args]
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/**
 * A PostgreSQL server of the drills' own, in a temporary directory on a free port, that the
 * drills may crash and restart. The shared server on 5432 is never touched.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'drill-pg-'))
  const data = join(dir, 'data')
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  start()
  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`
  return {
    url,
    createDatabase(name) {
      run('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-c',
        `CREATE DATABASE ${name}`,
      ])
    },
    crash: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy() {
      if (existsSync(join(data, 'postmaster.pid')))
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
        } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
