import { LRUCache } from 'lru-cache'
import type { Ticket } from './types.ts'

/**
 * Ready tickets kept in memory for a moment, so agents' repeated context reads do not each go to
 * the database. Staleness is bounded by the TTL, which is never longer than the max-age the
 * context route already lets shared caches keep the answer; an update received by this process
 * forgets the ticket at once (another process's update shows within the TTL, as at the edge).
 */
export interface ReadyContextCache {
  /** The ready ticket last read under this reference (`tkt_…` or `<source>:<external id>`). */
  get(reference: string): Ticket | undefined
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
  if (ttlMs <= 0) return { get: () => undefined, remember() {}, forget() {} }
  const cache = new LRUCache<string, Ticket>({ max, ttl: ttlMs })
  return {
    get: (reference) => cache.get(reference),
    remember(reference, ticket) {
      if (ticket.status === 'ready' && ticket.context) cache.set(reference, ticket)
    },
    forget(ticket) {
      cache.delete(ticket.id)
      cache.delete(`${ticket.request.source}:${ticket.request.external_ticket_id}`)
    },
  }
}
