import { randomBytes } from 'node:crypto'
import { after, describe } from 'node:test'
import { migrate } from '../../app/adapters/sql/migrate.ts'
import { createPgliteDatabase } from '../../app/adapters/sql/pglite.ts'
import { createPostgresDatabase } from '../../app/adapters/sql/postgres.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'

/** Set in CI: a backend that cannot be reached fails its tests instead of skipping them. */
export const REQUIRE_ALL_BACKENDS = process.env.REQUIRE_ALL_BACKENDS === '1'

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  url?.startsWith('postgres'),
)

export interface DatabaseTarget {
  name: 'pglite' | 'postgres'
  /** Why this backend is unavailable here, if it is. */
  unavailable?: string
  /** A fresh, migrated, empty database (PostgreSQL: a schema of its own, dropped on close). */
  open(): Promise<SqlDatabase>
}

export const databaseTargets: DatabaseTarget[] = [
  { name: 'pglite', open: async () => migrated(await createPgliteDatabase()) },
  {
    name: 'postgres',
    unavailable: postgresUrl ? undefined : 'no DATABASE_URL (postgres://...) set',
    open: () => openIsolatedPostgres(postgresUrl ?? ''),
  },
]

/** Empties every table but the migration record, so each test starts from a fresh schema. */
export async function truncateAll(db: SqlDatabase): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  )
  if (tables.length === 0) return
  // Table names come from the catalogue, not from input.
  const list = tables.map((t) => `"${t.tablename}"`).join(', ')
  await db.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`)
}

async function migrated(db: SqlDatabase): Promise<SqlDatabase> {
  await migrate(db)
  return db
}

export { postgresUrl }

/**
 * A migrated schema of its own on the PostgreSQL server, and a URL that selects it
 * (`?search_path=`) for other processes (drills). Closing drops the schema.
 */
export async function openPostgresSchema(url: string): Promise<{ db: SqlDatabase; url: string }> {
  // The schema name is generated here, never input: safe to put in DDL text.
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = createPostgresDatabase({ url, max: 1 })
  await admin.query(`CREATE SCHEMA ${schema}`)
  const db = createPostgresDatabase({ url, schema, max: 4 })
  await migrate(db)
  const scoped = new URL(url)
  scoped.searchParams.set('search_path', schema)
  return {
    url: scoped.toString(),
    db: {
      ...db,
      async close() {
        await db.close()
        await admin.query(`DROP SCHEMA ${schema} CASCADE`)
        await admin.close()
      },
    },
  }
}

async function openIsolatedPostgres(url: string): Promise<SqlDatabase> {
  return (await openPostgresSchema(url)).db
}

/**
 * Runs `suite` once per database backend. An unavailable backend is skipped with its reason,
 * or fails when REQUIRE_ALL_BACKENDS=1 (CI), so nothing is silently skipped there.
 */
export function describeEachDatabase(
  title: string,
  suite: (open: () => Promise<SqlDatabase>) => void,
) {
  for (const target of databaseTargets) {
    const skip = target.unavailable && !REQUIRE_ALL_BACKENDS ? target.unavailable : undefined
    describe(`${title} [${target.name}]`, { skip }, () => {
      if (target.unavailable) {
        throw new Error(
          `${target.name} is required (REQUIRE_ALL_BACKENDS=1) but ${target.unavailable}`,
        )
      }
      // One database per suite (PGlite takes seconds to boot), emptied before each test.
      let shared: Promise<SqlDatabase> | undefined
      after(async () => (await shared)?.close())
      suite(async () => {
        shared ??= target.open()
        const db = await shared
        await truncateAll(db)
        return db
      })
    })
  }
}
