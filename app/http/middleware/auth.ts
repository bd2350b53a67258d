import type { Context, Next } from 'hono'
import { createMiddleware } from 'hono/factory'
import { LRUCache } from 'lru-cache'
import { type ApiKey, findApiKey, hashApiKey } from '../../core/auth/api-keys.ts'
import type { RateLimiter } from '../../core/auth/rate-limiter.ts'
import { AppError } from '../../core/errors.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import type { AppEnv } from '../env.ts'

/**
 * Paths any caller may reach: liveness, the API description, signature-checked webhooks, and
 * the agent panel's page and feedback, which check a panel token instead (app/http/panel/).
 */
export const OPEN_PATHS = [
  /^\/health\/?$/,
  /^\/openapi\.json$/,
  /^\/docs\/?$/,
  /^\/webhooks\//,
  /^\/panel\/tickets\/[^/]+(\/feedback)?\/?$/,
]
/** The same paths as one pattern: tested on every request. */
const OPEN_PATH = new RegExp(OPEN_PATHS.map((pattern) => `(?:${pattern.source})`).join('|'))

/** A key lookup is remembered this long, so a revoked key stops working within a minute. */
const KEY_CACHE_TTL_MS = 60_000

/**
 * API keys in `Authorization: Bearer <key>` or `x-api-key`, with a token-bucket limit per key
 * (429 with Retry-After). Keys are looked up by hash; the cache holds hashes, never keys.
 */
export const apiKeyAuth = ({
  db,
  limiter,
  required,
}: {
  db: SqlDatabase
  limiter: RateLimiter
  required: boolean
}) => {
  const cache = new LRUCache<string, { key: ApiKey | false }>({
    max: 10_000,
    ttl: KEY_CACHE_TTL_MS,
  })
  const admit = (c: Context<AppEnv>, key: ApiKey | false, next: Next) => {
    if (!key) throw new AppError('unauthorized', 'Invalid or revoked API key')
    const verdict = limiter.take(key.id, key)
    if (!verdict.allowed) {
      c.header('retry-after', String(verdict.retryAfterSeconds))
      throw new AppError(
        'rate_limited',
        `Rate limit of ${key.ratePerMinute}/min exceeded; retry later`,
      )
    }
    c.set('apiKeyId', key.id)
    return next()
  }
  // Not async: a key found in the cache (nearly every request) is admitted without a promise.
  return createMiddleware<AppEnv>((c, next) => {
    if (!required || OPEN_PATH.test(c.req.path)) return next()
    const presented = presentedKey(c.req.header('authorization'), () => c.req.header('x-api-key'))
    if (!presented)
      throw new AppError('unauthorized', 'Missing API key: send Authorization: Bearer <key>')
    const hash = hashApiKey(presented)
    const entry = cache.get(hash)
    if (entry) return admit(c, entry.key, next)
    return findApiKey(db, presented).then((key) => {
      cache.set(hash, { key: key ?? false })
      return admit(c, key ?? false, next)
    })
  })
}

/** The bearer token, else `x-api-key` (read only when there is no bearer token). */
function presentedKey(
  authorization: string | undefined,
  headerKey: () => string | undefined,
): string | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer ?? headerKey()?.trim() ?? null
}
