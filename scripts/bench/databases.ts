import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPostgresDatabase } from '../../app/adapters/sql/postgres.ts'

export type DatabaseMode = 'pglite' | 'postgres'

/** A fresh, empty database for one bench run, and how to remove it afterwards. */
export interface BenchDatabase {
  mode: DatabaseMode
  url: string
  drop(): Promise<void>
}

/** File-backed PGlite in a temporary folder, as `npm start` runs it (not in memory). */
export function freshPglite(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'))
  return {
    mode: 'pglite',
    url: `pglite://${join(dir, 'pg')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * A database of its own on the PostgreSQL server `serverUrl` points at (`CREATE DATABASE
 * bench_<random>`), dropped afterwards: nothing of anyone else's is read or touched.
 */
export async function freshPostgres(serverUrl: string): Promise<BenchDatabase> {
  // Generated here, never input: safe to put in DDL text.
  const name = `bench_${randomBytes(6).toString('hex')}`
  const admin = createPostgresDatabase({ url: serverUrl, max: 1 })
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    mode: 'postgres',
    url: url.toString(),
    async drop() {
      const db = createPostgresDatabase({ url: serverUrl, max: 1 })
      try {
        await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await db.close()
      }
    },
  }
}

/** Why PostgreSQL cannot be used at `url`, or null when it answers. */
export async function postgresUnavailable(url: string): Promise<string | null> {
  const db = createPostgresDatabase({ url, max: 1 })
  try {
    await db.query('SELECT 1')
    return null
  } catch (error) {
    return `PostgreSQL at ${new URL(url).host} is unreachable: ${(error as Error).message}`
  } finally {
    await db.close().catch(() => {})
  }
}

/** A fresh database of `mode`, or why it cannot be had here (PostgreSQL unreachable). */
export async function openBenchDatabase(
  mode: DatabaseMode,
  postgresUrl: string,
): Promise<BenchDatabase | { skipped: string }> {
  if (mode === 'pglite') return freshPglite()
  const unavailable = await postgresUnavailable(postgresUrl)
  return unavailable ? { skipped: unavailable } : freshPostgres(postgresUrl)
}
