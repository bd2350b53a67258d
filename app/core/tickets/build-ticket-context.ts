import type { Logger } from '../../observability/logger.ts'
import type { KnowledgeBase, RetrievedChunk } from '../../ports/knowledge-base.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import type { CustomerContextService } from '../customers/context-service.ts'
import type { CustomerContext } from '../customers/types.ts'
import { AppError } from '../errors.ts'
import type { Guard } from '../resilience/guard.ts'
import { scoreSentiment } from './sentiment.ts'
import { suggestPriority } from './suggested-priority.ts'
import type { TicketRequest } from './ticket-request.ts'
import type { Suggestion, TicketContext } from './types.ts'

export interface TicketContextDeps {
  db: SqlDatabase
  customerContexts: CustomerContextService
  knowledgeBase: KnowledgeBase
  guards: { customer: Guard; knowledgeBase: Guard }
  logger: Logger
  minScore: number
  maxSuggestions: number
}

/** The longest query text sent to retrieval: the subject and the start of the description. */
const MAX_QUERY_CHARS = 2_000

/**
 * Builds a ticket's context. A dependency that fails after its retries degrades its part
 * (named in `degraded`) instead of failing the ticket; an unknown customer is not an error.
 */
export async function buildTicketContext(
  deps: TicketContextDeps,
  request: TicketRequest,
): Promise<TicketContext> {
  const degraded: string[] = []
  const [customer, suggestions] = await Promise.all([
    loadCustomer(deps, request).catch((error) => degrade(deps, degraded, 'customer', error)),
    suggest(deps, request).catch((error) => degrade(deps, degraded, 'knowledge_base', error)),
  ])
  const ticketSentiment = scoreSentiment(`${request.subject}\n${request.description}`)
  return {
    customer: customer ?? null,
    customer_found: Boolean(customer),
    suggestions: suggestions ?? [],
    ticket_sentiment: ticketSentiment,
    suggested_priority: suggestPriority(request.priority, customer ?? null, ticketSentiment),
    degraded: degraded.sort(),
    generated_at: new Date().toISOString(),
  }
}

function degrade(
  deps: TicketContextDeps,
  degraded: string[],
  part: string,
  error: unknown,
): undefined {
  degraded.push(part)
  deps.logger.warn('context part degraded', {
    part,
    error: error instanceof Error ? error.message : String(error),
  })
  return undefined
}

async function loadCustomer(
  deps: TicketContextDeps,
  request: TicketRequest,
): Promise<CustomerContext | null> {
  const byId = await contextOf(deps, request.customer_external_id)
  if (byId || !request.customer_email) return byId
  const [match] = await deps.db.query<{ external_id: string }>(
    'SELECT external_id FROM customers WHERE lower(email) = lower($1) ORDER BY id LIMIT 1',
    [request.customer_email],
  )
  return match ? contextOf(deps, match.external_id) : null
}

async function contextOf(
  deps: TicketContextDeps,
  externalId: string,
): Promise<CustomerContext | null> {
  try {
    return (await deps.guards.customer.run(() => deps.customerContexts.get(externalId))).context
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null
    throw error
  }
}

/**
 * Scores measure how much of the query the passage covers, and a description carries words no
 * help article has ("terrible", names, order numbers). So the subject (the problem in a line)
 * and subject + description are both asked, and each passage keeps its better score.
 */
async function suggest(deps: TicketContextDeps, request: TicketRequest): Promise<Suggestion[]> {
  const full = `${request.subject}\n${request.description}`.slice(0, MAX_QUERY_CHARS)
  const queries = [...new Set([request.subject, full])]
  const options = { maxResults: deps.maxSuggestions, minScore: deps.minScore }
  const results = await deps.guards.knowledgeBase.run(() =>
    Promise.all(queries.map((query) => deps.knowledgeBase.retrieve(query, options))),
  )
  const best = new Map<string, RetrievedChunk>()
  for (const chunk of results.flat()) {
    const held = best.get(chunk.chunkId)
    if (!held || chunk.score > held.score) best.set(chunk.chunkId, chunk)
  }
  const chunks = [...best.values()].sort((a, b) => b.score - a.score).slice(0, deps.maxSuggestions)
  return chunks.map((chunk) => ({
    chunk_id: chunk.chunkId,
    score: chunk.score,
    title: chunk.title,
    document_key: chunk.documentKey,
    location: {
      ...(chunk.location.headingPath ? { heading_path: chunk.location.headingPath } : {}),
      ...(chunk.location.page ? { page: chunk.location.page } : {}),
      ...(chunk.location.row ? { row: chunk.location.row } : {}),
    },
    text: chunk.text,
  }))
}
