import { hash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SqlExecutor } from '../../ports/sql.ts'
import { AppError } from '../errors.ts'

export interface ApiKey {
  id: string
  name: string
  ratePerMinute: number
  burst: number
  createdAt: Date
  revokedAt: Date | null
}

interface ApiKeyRow {
  id: string
  name: string
  key_hash: string
  rate_per_minute: number
  burst: number
  created_at: Date
  revoked_at: Date | null
}

const KEY_PREFIX = 'sk_'

/**
 * Only the SHA-256 of a key is stored: a leaked table does not leak usable keys. Every
 * authenticated request hashes its key; the one-shot `hash` (Node 20.12+) costs a third of a
 * `createHash` object's round trip.
 */
export const hashApiKey = (key: string) => hash('sha256', key, 'hex')

/** Creates a key and resolves it in clear text: the only time it is ever available. */
export async function createApiKey(
  db: SqlExecutor,
  { name, ratePerMinute, burst }: { name: string; ratePerMinute: number; burst: number },
): Promise<{ apiKey: ApiKey; key: string }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new AppError('invalid_request', 'name must be 1-64 letters, digits, ".", "_" or "-"')
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`
  const id = `key_${randomBytes(6).toString('hex')}`
  const rows = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, name, key_hash, rate_per_minute, burst) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO NOTHING RETURNING *`,
    [id, name, hashApiKey(key), ratePerMinute, burst],
  )
  const [row] = rows
  if (!row) throw new AppError('conflict', `An API key named ${name} already exists`)
  return { apiKey: toApiKey(row), key }
}

/** The active key matching `presented`, or null. The stored hash is compared in constant time. */
export async function findApiKey(db: SqlExecutor, presented: string): Promise<ApiKey | null> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null
  const hash = hashApiKey(presented)
  const [row] = await db.query<ApiKeyRow>(
    'SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [hash],
  )
  if (!row) return null
  return timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))
    ? toApiKey(row)
    : null
}

export async function listApiKeys(db: SqlExecutor): Promise<ApiKey[]> {
  const rows = await db.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, name')
  return rows.map(toApiKey)
}

export async function revokeApiKey(db: SqlExecutor, name: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id',
    [name],
  )
  return rows.length > 0
}

export async function countActiveApiKeys(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT COUNT(*)::int AS n FROM api_keys WHERE revoked_at IS NULL',
  )
  return row?.n ?? 0
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  ratePerMinute: row.rate_per_minute,
  burst: row.burst,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})
