import { LRUCache } from 'lru-cache'
import { buildCustomerContext, type CustomerContextDeps } from './build-context.ts'
import type { CustomerContext } from './types.ts'

export interface CachedContext {
  context: CustomerContext
  cacheHit: boolean
}

export interface CustomerContextService {
  get(externalId: string): Promise<CachedContext>
  /** Drops a customer's cached context (after a new order, interaction or ticket). */
  invalidate(externalId: string): void
}

/**
 * The customer 360 behind a bounded in-process cache: at most `maxEntries` contexts, each
 * served for `ttlMs`. Concurrent misses for one customer share a single build.
 */
export function createCustomerContextService(
  deps: CustomerContextDeps & { ttlMs: number; maxEntries: number; now?: () => number },
): CustomerContextService {
  const cache = new LRUCache<string, CustomerContext>({
    max: deps.maxEntries,
    ttl: Math.max(deps.ttlMs, 1),
    ttlAutopurge: false,
    // Read the clock on every check: a cached clock would serve an entry past its TTL.
    ttlResolution: 0,
    perf: deps.now ? { now: deps.now } : undefined,
  })
  const building = new Map<string, Promise<CustomerContext>>()
  const disabled = deps.ttlMs === 0

  return {
    async get(externalId) {
      const cached = disabled ? undefined : cache.get(externalId)
      if (cached) return { context: cached, cacheHit: true }
      let pending = building.get(externalId)
      if (!pending) {
        pending = buildCustomerContext(deps, externalId).finally(() => building.delete(externalId))
        building.set(externalId, pending)
      }
      const context = await pending
      if (!disabled) cache.set(externalId, context)
      return { context, cacheHit: false }
    },
    invalidate: (externalId) => {
      cache.delete(externalId)
    },
  }
}
