import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPgliteDatabase } from '../../app/adapters/sql/pglite.ts'
import { createPostgresDatabase } from '../../app/adapters/sql/postgres.ts'
import { createApiKey } from '../../app/core/auth/api-keys.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'
import type { OwnPostgres } from './postgres.ts'

/** Buckets big enough that the drills measure the server, not the rate limiter. */
export const UNLIMITED = { ratePerMinute: 1_000_000, burst: 100_000 }

/** The database a drill's servers share, and direct access to it for the drill's checks. */
export interface DrillDatabase {
  kind: 'pglite' | 'postgres'
  /** DATABASE_URL and the settings that go with it, for the server's environment. */
  env: Record<string, string>
  /** An API key with an UNLIMITED bucket; call after a server has started (and migrated). */
  apiKey(): Promise<string>
  /** Runs `work` on the database. PGlite: only while no server holds the directory. */
  use<T>(work: (db: SqlDatabase) => Promise<T>): Promise<T>
}

/** A file-backed PGlite directory, as `npm start` uses; the server seeds it and writes a key. */
export function pgliteDatabase(root: string): DrillDatabase {
  const dir = mkdtempSync(join(root, 'pglite-'))
  const keyFile = join(dir, 'dev-api-key')
  return {
    kind: 'pglite',
    env: {
      DATABASE_URL: `pglite://${join(dir, 'pg')}`,
      DEV_API_KEY_FILE: keyFile,
      API_KEY_RATE_PER_MINUTE: String(UNLIMITED.ratePerMinute),
      API_KEY_BURST: String(UNLIMITED.burst),
    },
    apiKey: async () => readFileSync(keyFile, 'utf8').trim(),
    async use(work) {
      const db = await createPgliteDatabase({ dataDir: join(dir, 'pg') })
      try {
        return await work(db)
      } finally {
        await db.close()
      }
    },
  }
}

/** A fresh database on the drills' own PostgreSQL server, seeded by the first server start. */
export function postgresDatabase(server: OwnPostgres, name: string): DrillDatabase {
  server.createDatabase(name)
  const url = server.url(name)
  const use = async <T>(work: (db: SqlDatabase) => Promise<T>) => {
    const db = createPostgresDatabase({ url, max: 2 })
    try {
      return await work(db)
    } finally {
      await db.close()
    }
  }
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url, SEED_ON_START: 'true' },
    apiKey: () =>
      use(async (db) => {
        const name = `drill-${randomBytes(4).toString('hex')}`
        return (await createApiKey(db, { name, ...UNLIMITED })).key
      }),
    use,
  }
}

export const tempRoot = () => mkdtempSync(join(tmpdir(), 'drill-'))
