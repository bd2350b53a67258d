import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import type { SqlDatabase, SqlExecutor, SqlParam } from '../../ports/sql.ts'

const wrap = (db: Pick<PGlite, 'query'>): SqlExecutor => ({
  async query<Row>(text: string, params: readonly SqlParam[] = []) {
    const result = await db.query<Row>(text, params as unknown[])
    return result.rows
  },
})

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in this process. `dataDir` undefined keeps the
 * database in memory (tests); a directory makes it durable across restarts.
 */
export async function createPgliteDatabase({
  dataDir,
}: {
  dataDir?: string
} = {}): Promise<SqlDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const db = await PGlite.create(dataDir ? { dataDir } : {})
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  }
}
