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
      const previous = buckets.get(key) ?? { tokens: burst, at }
      const tokens = Math.min(burst, previous.tokens + (at - previous.at) * perMs)
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at })
        return { allowed: true }
      }
      buckets.set(key, { tokens, at })
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      }
    },
  }
}
