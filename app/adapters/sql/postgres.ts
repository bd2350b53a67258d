import postgres from 'postgres'
import type { SqlDatabase, SqlExecutor, SqlParam } from '../../ports/sql.ts'

type Client = postgres.Sql | postgres.TransactionSql

const wrap = (sql: Client): SqlExecutor => ({
  async query<Row>(text: string, params: readonly SqlParam[] = []) {
    const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])
    return [...rows] as Row[]
  },
})

export interface PostgresOptions {
  url: string
  /** Pool size; one per Lambda container is enough, more for the long-running server. */
  max?: number
  /** Schema to put first on the search_path (tests isolate themselves in their own schema). */
  schema?: string
}

/** PostgreSQL through porsager/postgres. int8 is parsed to number so both adapters agree. */
export function createPostgresDatabase({ url, max = 10, schema }: PostgresOptions): SqlDatabase {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connection: schema ? { search_path: schema } : {},
    types: {
      bigint: { to: 20, from: [20], parse: (value: string) => Number(value), serialize: String },
    },
  })
  return {
    kind: 'postgres',
    ...wrap(sql),
    transaction: (work) => sql.begin((tx) => work(wrap(tx))) as Promise<never>,
    close: () => sql.end({ timeout: 5 }),
  }
}
