import type { TicketRequest } from '../../app/core/tickets/ticket-request.ts'

/** A valid generic ticket for the seeded customer CUST-00002 (override any field). */
export function ticketRequest(overrides: Partial<TicketRequest> = {}): TicketRequest {
  return {
    source: 'api',
    external_ticket_id: 'EXT-1001',
    customer_external_id: 'CUST-00002',
    subject: 'I forgot my password and cannot sign in',
    description:
      'I keep getting an error when I try to reset my password. This is terrible and frustrating.',
    channel: 'email',
    priority: 'normal',
    metadata: { status: 'open' },
    created_at: '2026-11-20T10:00:00.000Z',
    ...overrides,
  }
}
