import { resolve } from 'node:path'
import type { SqlDatabase } from '../../ports/sql.ts'
import { createPostgresDatabase } from './postgres.ts'

/**
 * Opens the database a URL names: `pglite://memory` (in memory), `pglite://<dir>` (relative to
 * the working directory, or absolute with `pglite:///abs/dir`), or `postgres://...`.
 */
export async function openDatabase(
  url: string,
  options: { schema?: string } = {},
): Promise<SqlDatabase> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return createPostgresDatabase({ url, schema: options.schema })
  }
  if (!url.startsWith('pglite://')) throw new Error('DATABASE_URL must be pglite:// or postgres://')
  // Loaded on demand: the Lambda bundles (PostgreSQL only) must not carry PGlite's WebAssembly.
  const { createPgliteDatabase } = await import('./pglite.ts')
  const location = url.slice('pglite://'.length)
  if (location === '' || location === 'memory') return createPgliteDatabase()
  return createPgliteDatabase({ dataDir: resolve(location) })
}
