/** A value that may be bound to a `$n` placeholder. Objects and arrays bind to json/jsonb or arrays. */
export type SqlParam = string | number | boolean | Date | null | readonly unknown[] | object

/** A statement and its parameters, for a caller that composes it into a larger one. */
export interface SqlStatement {
  text: string
  params: SqlParam[]
}

/** What both the transaction handle and the database can run. */
export interface SqlExecutor {
  /**
   * Runs one parameterised statement (`$1`, `$2`... placeholders) and resolves its rows.
   * Values never go into the text. Rows come back identically on every adapter: int4/int8 as
   * number, numeric/decimal as string (exact), timestamptz as Date, json/jsonb parsed.
   */
  query<Row = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<Row[]>
}

export interface SqlDatabase extends SqlExecutor {
  /** 'pglite' or 'postgres': for health reports and logs, never for branching domain logic. */
  readonly kind: 'pglite' | 'postgres'
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * The database could not be reached or dropped the connection (server down, restarting, network):
 * nothing was committed by the failed call, or its outcome is unknown. Adapters reject with it so
 * callers answer 503 (retry later) instead of 500; any other rejection is a real failure.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options)
    this.name = 'DatabaseUnavailableError'
  }
}
