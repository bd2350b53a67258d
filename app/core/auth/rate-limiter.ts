import { LRUCache } from 'lru-cache'

export interface RateLimit {
  ratePerMinute: number
  burst: number
}

export interface RateLimiter {
  /** Takes one token from `key`'s bucket; when empty, says how long until the next token. */
  take(
    key: string,
    limit: RateLimit,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number }
}

const ALLOWED = { allowed: true } as const

/**
 * Token buckets per API key, in process: a bucket holds up to `burst` tokens and refills at
 * ratePerMinute / 60 per second. Each process limits on its own (documented in docs/tickets.md).
 */
export function createRateLimiter({ now = () => Date.now(), maxKeys = 10_000 } = {}): RateLimiter {
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: maxKeys })
  return {
    take(key, { ratePerMinute, burst }) {
      const at = now()
      const perMs = ratePerMinute / 60_000
      // Updated in place: every request of every key passes here.
      let bucket = buckets.get(key)
      if (!bucket) {
        bucket = { tokens: burst, at }
        buckets.set(key, bucket)
      }
      const tokens = Math.min(burst, bucket.tokens + (at - bucket.at) * perMs)
      bucket.at = at
      if (tokens >= 1) {
        bucket.tokens = tokens - 1
        return ALLOWED
      }
      bucket.tokens = tokens
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      }
    },
  }
}
