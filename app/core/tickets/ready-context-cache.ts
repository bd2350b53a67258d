import { LRUCache } from 'lru-cache'
import type { Ticket } from './types.ts'

/**
 * Ready tickets kept in memory for a moment, so agents' repeated context reads do not each go to
 * the database. Staleness is bounded by the TTL, which is never longer than the max-age the
 * context route already lets shared caches keep the answer; an update received by this process
 * forgets the ticket at once (another process's update shows within the TTL, as at the edge).
 * Once its TTL has run out a ticket is revalidated by its row version instead of being read,
 * parsed and serialised again, and every other entry half-way to its TTL is checked in the same
 * query: one read every few seconds, however many tickets are being read (docs/tickets.md).
 */
export interface ReadyContextCache {
  /** The ready ticket last read under this reference (`tkt_…` or `<source>:<external id>`). */
  get(reference: string): Ticket | undefined
  /**
   * The ticket whose TTL has run out, if its row is still ready and unchanged (kept for another
   * TTL); undefined when there is none or it changed (then forgotten). Rejects when the check
   * cannot be made.
   */
  revalidate(reference: string): Promise<Ticket | undefined>
  /** Keeps a ready ticket for a TTL. */
  remember(reference: string, ticket: Ticket): void
  /** Forgets the ticket under both of its references (its content changed). */
  forget(ticket: Pick<Ticket, 'id' | 'request'>): void
}

/** The row versions of those of `ids` whose tickets are still ready, by ticket id. */
export type ReadyRowVersions = (ids: string[]) => Promise<Map<string, string>>

/** At most this many entries are checked in one query: a large sweep would hold up PGlite. */
export const MAX_CHECKED_AT_ONCE = 500

interface Entry {
  ticket: Ticket
  /** When the ticket was read or last found unchanged (ms, from `now`). */
  checkedAt: number
}

export function createReadyContextCache({
  ttlMs,
  readyRowVersions,
  max = 10_000,
  now = performance.now.bind(performance),
}: {
  ttlMs: number
  readyRowVersions: ReadyRowVersions
  max?: number
  now?: () => number
}): ReadyContextCache {
  if (ttlMs <= 0)
    return {
      get: () => undefined,
      revalidate: async () => undefined,
      remember() {},
      forget() {},
    }
  const entries = new LRUCache<string, Entry>({ max })
  /** The references each check in flight covers, so a read of one waits for it. */
  const inFlight = new Map<string, Promise<void>>()

  const fresh = (entry: Entry | undefined) =>
    entry && now() - entry.checkedAt < ttlMs ? entry.ticket : undefined

  const forget = (ticket: Pick<Ticket, 'id' | 'request'>) => {
    entries.delete(ticket.id)
    entries.delete(`${ticket.request.source}:${ticket.request.external_ticket_id}`)
  }

  /** `reference` first, then every entry half-way to its TTL or beyond, not being checked. */
  function dueEntries(reference: string, entry: Entry): [string, Entry][] {
    const due: [string, Entry][] = [[reference, entry]]
    const halfWay = now() - ttlMs / 2
    for (const [key, other] of entries.entries()) {
      if (due.length >= MAX_CHECKED_AT_ONCE) break
      if (key !== reference && other.checkedAt <= halfWay && !inFlight.has(key))
        due.push([key, other])
    }
    return due
  }

  async function check(due: [string, Entry][]): Promise<void> {
    // The time the question is asked: a write after it is caught by the next check.
    const askedAt = now()
    const versions = await readyRowVersions([...new Set(due.map(([, e]) => e.ticket.id))])
    for (const [reference, entry] of due) {
      // Forgotten or replaced while the check ran: leave what is there now.
      if (entries.peek(reference) !== entry) continue
      if (versions.get(entry.ticket.id) === entry.ticket.rowVersion) entry.checkedAt = askedAt
      else forget(entry.ticket)
    }
  }

  return {
    get: (reference) => fresh(entries.get(reference)),
    async revalidate(reference) {
      const entry = entries.peek(reference)
      if (!entry) return undefined
      const pending = inFlight.get(reference)
      if (pending) {
        await pending
        return fresh(entries.peek(reference))
      }
      if (fresh(entry)) return entry.ticket
      const due = dueEntries(reference, entry)
      const checked = check(due)
      for (const [key] of due) inFlight.set(key, checked)
      try {
        await checked
      } finally {
        for (const [key] of due) if (inFlight.get(key) === checked) inFlight.delete(key)
      }
      return fresh(entries.peek(reference))
    },
    remember(reference, ticket) {
      if (ticket.status === 'ready' && ticket.context)
        entries.set(reference, { ticket, checkedAt: now() })
    },
    forget,
  }
}
