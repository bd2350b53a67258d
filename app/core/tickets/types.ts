import type { CustomerContext } from '../customers/types.ts'
import type { TicketRequest } from './ticket-request.ts'

export type TicketStatus = 'received' | 'processing' | 'ready' | 'failed'
export type Priority = TicketRequest['priority']

export interface Ticket {
  id: string
  request: TicketRequest
  contentHash: string
  status: TicketStatus
  context: TicketContext | null
  lastError: string | null
  processingTimeMs: number | null
  correlationId: string
  receivedAt: Date
  updatedAt: Date
  /** Changes with every write to the ticket's row (see ticket-store.ts). */
  rowVersion: string
}

export interface Suggestion {
  chunk_id: string
  score: number
  title: string
  document_key: string
  location: { heading_path?: string[]; page?: number; row?: number }
  text: string
}

/** What an agent reads beside the ticket: built by the worker, or on demand. */
export interface TicketContext {
  customer: CustomerContext | null
  /** False when no customer matches the ticket's external id or email: not an error. */
  customer_found: boolean
  suggestions: Suggestion[]
  ticket_sentiment: number
  suggested_priority: { priority: Priority; raised: boolean; reasons: string[] }
  /** Parts that could not be built (`knowledge_base`, `customer`): the rest is still useful. */
  degraded: string[]
  generated_at: string
}
