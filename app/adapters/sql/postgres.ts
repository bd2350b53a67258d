import postgres from 'postgres'
import {
  DatabaseUnavailableError,
  type SqlDatabase,
  type SqlExecutor,
  type SqlParam,
} from '../../ports/sql.ts'

type Client = postgres.Sql | postgres.TransactionSql

/** The driver's and the socket's codes for a connection that failed or went away. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

/** Connection failures, and the server refusing work while it shuts down or starts (57P0x). */
function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)
}

/** Rethrows a connection failure as DatabaseUnavailableError (the port's contract). */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!unavailable(error)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseUnavailableError(`Database unavailable: ${reason}`, { cause: error })
  }
}

const wrap = (sql: Client): SqlExecutor => ({
  query<Row>(text: string, params: readonly SqlParam[] = []) {
    return translated(async () => {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])
      return [...rows] as Row[]
    })
  },
})

export interface PostgresOptions {
  url: string
  /** Pool size; one per Lambda container is enough, more for the long-running server. */
  max?: number
  /** Schema to put first on the search_path (tests isolate themselves in their own schema). */
  schema?: string
}

/**
 * Seconds a closed connection waits before it connects again, after `retries` failed attempts in
 * a row. postgres.js grows this to 20 s, and a query meanwhile waits for it: while the server was
 * down, requests waited up to ~15 s for their 503 (docs/runbook.md). Capped at half a second, a
 * request is refused (or served, once the server is back) within a second; a pool of 10 then
 * knocks at most 20 times a second, nothing a restarting server notices.
 */
export function reconnectDelaySeconds(retries: number): number {
  const jitter = 0.5 + Math.random() / 2
  return jitter * Math.min(0.05 * 2 ** retries, RECONNECT_DELAY_CAP_S)
}
const RECONNECT_DELAY_CAP_S = 0.5

/** PostgreSQL through porsager/postgres. int8 is parsed to number so both adapters agree. */
export function createPostgresDatabase({ url, max = 10, schema }: PostgresOptions): SqlDatabase {
  const sql = postgres(url, {
    max,
    // A server that is down answers 503 within seconds, not after the driver's 30 s default.
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: schema ? { search_path: schema } : {},
    types: {
      bigint: { to: 20, from: [20], parse: (value: string) => Number(value), serialize: String },
    },
  })
  return {
    kind: 'postgres',
    ...wrap(sql),
    transaction: (work) => translated(() => sql.begin((tx) => work(wrap(tx))) as Promise<never>),
    close: () => sql.end({ timeout: 5 }),
  }
}

export interface RotatingPostgresOptions extends Omit<PostgresOptions, 'url'> {
  /** Where the URL comes from (Secrets Manager): cached, and re-read after invalidate(). */
  source: { url(): Promise<string>; invalidate(): void }
  /** True when the server rejected the credentials (SQLSTATE 28P01 / 28000). */
  isAuthFailure: (error: unknown) => boolean
}

/**
 * PostgreSQL whose credentials may rotate. When the server rejects them, the URL is invalidated,
 * one fresh pool replaces the old one (concurrent failures share it) and the statement or
 * transaction is retried once: an authentication failure happens before anything ran.
 */
export async function createRotatingPostgresDatabase({
  source,
  isAuthFailure,
  ...options
}: RotatingPostgresOptions): Promise<SqlDatabase> {
  const connect = (url: string) => createPostgresDatabase({ ...options, url })
  let current = connect(await source.url())
  let reconnecting: Promise<SqlDatabase> | null = null

  function replace(failed: SqlDatabase): Promise<SqlDatabase> {
    if (current !== failed) return Promise.resolve(current)
    reconnecting ??= (async () => {
      source.invalidate()
      current = connect(await source.url())
      failed.close().catch(() => {})
      return current
    })().finally(() => {
      reconnecting = null
    })
    return reconnecting
  }

  async function run<T>(work: (db: SqlDatabase) => Promise<T>): Promise<T> {
    const db = current
    try {
      return await work(db)
    } catch (error) {
      if (!isAuthFailure(error)) throw error
      return work(await replace(db))
    }
  }

  return {
    kind: 'postgres',
    query: (text, params) => run((db) => db.query(text, params)),
    transaction: (work) => run((db) => db.transaction(work)),
    close: () => current.close(),
  }
}
