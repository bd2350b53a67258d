import type { TicketRequest } from '../../app/core/tickets/ticket-request.ts'

/** Sample customers are CUST-00001 … CUST-00240 (app/seed/sample-data.ts). */
const SAMPLE_CUSTOMERS = 240

/** Questions the sample help documents answer, so retrieval does real work on each. */
const SUBJECTS = [
  'I forgot my password and cannot sign in',
  'How do I change the phone number on my account?',
  'My account is locked after too many attempts',
  'Security codes keep arriving that I did not request',
  'How do I verify my identity at a post office?',
  'My backup codes do not work anymore',
  'How do I delete my account?',
  'The face or touch unlock option stopped working',
  'Which ID types are accepted for identity verification?',
  'I think I received a scam message pretending to be you',
  'How do I add a security key as an authentication method?',
  'The server returns a 403 forbidden error',
]

/**
 * A valid ticket, unique per (prefix, n): ticket n goes to one of the sample customers and
 * asks one of the questions above, so a run spreads over customers and documents.
 */
export function benchTicket(prefix: string, n: number): TicketRequest {
  const subject = SUBJECTS[n % SUBJECTS.length] ?? 'Help'
  return {
    source: 'api',
    external_ticket_id: `${prefix}${n}`,
    customer_external_id: `CUST-${String((n % SAMPLE_CUSTOMERS) + 1).padStart(5, '0')}`,
    subject,
    description: `${subject}. I tried twice already and it is really frustrating, please help.`,
    channel: 'email',
    priority: 'normal',
    metadata: {},
    created_at: new Date(Date.UTC(2026, 10, 20, 10, 0, n % 60)).toISOString(),
  }
}

/** Cycles through `items`, one per call: spreads a load over many tickets. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through')
  let next = 0
  return () => items[next++ % items.length] as T
}
