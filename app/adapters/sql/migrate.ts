import type { SqlDatabase } from '../../ports/sql.ts'
import { migrations as allMigrations, type Migration } from './migrations.ts'

/** Arbitrary constant: serialises concurrent start-ups on one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 727_001

/**
 * Applies every migration not yet recorded, each in its own transaction under an advisory lock,
 * and resolves the ids it applied (empty on a second start).
 */
export async function migrate(
  db: SqlDatabase,
  migrations: Migration[] = allMigrations,
): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  const applied: string[] = []
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id])
      if (seen.length > 0) return false
      for (const statement of migration.statements) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id])
      return true
    })
    if (done) applied.push(migration.id)
  }
  return applied
}
