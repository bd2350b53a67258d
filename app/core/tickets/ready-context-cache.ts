import { LRUCache } from 'lru-cache'
import type { Ticket } from './types.ts'

/**
 * Ready tickets kept in memory for a moment, so agents' repeated context reads do not each go to
 * the database. Staleness is bounded by the TTL, which is never longer than the max-age the
 * context route already lets shared caches keep the answer; an update received by this process
 * forgets the ticket at once (another process's update shows within the TTL, as at the edge).
 * A ticket whose TTL ran out is kept too, so the caller can revalidate it with a one-column read
 * instead of reading, parsing and serialising its whole context again (docs/benchmarks.md).
 */
export interface ReadyContextCache {
  /** The ready ticket last read under this reference (`tkt_…` or `<source>:<external id>`). */
  get(reference: string): Ticket | undefined
  /** The ticket whose TTL has run out: reuse it only once its row is known to be unchanged. */
  expired(reference: string): Ticket | undefined
  /** Keeps (or keeps again, after a revalidation) a ready ticket for another TTL. */
  remember(reference: string, ticket: Ticket): void
  /** Forgets the ticket under both of its references (its content changed). */
  forget(ticket: Pick<Ticket, 'id' | 'request'>): void
}

export function createReadyContextCache({
  ttlMs,
  max = 10_000,
}: {
  ttlMs: number
  max?: number
}): ReadyContextCache {
  if (ttlMs <= 0)
    return { get: () => undefined, expired: () => undefined, remember() {}, forget() {} }
  // An expired entry stays (until evicted by size) so `expired` can hand it back.
  const cache = new LRUCache<string, Ticket>({ max, ttl: ttlMs, noDeleteOnStaleGet: true })
  return {
    get: (reference) => cache.get(reference),
    expired: (reference) =>
      cache.has(reference) ? undefined : cache.peek(reference, { allowStale: true }),
    remember(reference, ticket) {
      if (ticket.status === 'ready' && ticket.context) cache.set(reference, ticket)
    },
    forget(ticket) {
      cache.delete(ticket.id)
      cache.delete(`${ticket.request.source}:${ticket.request.external_ticket_id}`)
    },
  }
}
