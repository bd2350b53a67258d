import { z } from '@hono/zod-openapi'
import { VERDICTS } from '../../core/tickets/feedback.ts'
import { TICKET_PRIORITIES, TICKET_SOURCES } from '../../core/tickets/ticket-request.ts'
import { CustomerContextSchema } from './customer.ts'
import { RetrievedChunkSchema } from './knowledge.ts'

/** Our id (`tkt_<uuid>`) or the helpdesk's (`<source>:<external id>`). */
export const TICKET_REFERENCE = /^(tkt_[0-9a-f-]{36}|[a-z]+:[A-Za-z0-9][A-Za-z0-9._:-]{0,127})$/

export const TicketReferenceParam = z.object({
  id: z
    .string()
    .regex(TICKET_REFERENCE, 'must be tkt_<uuid> or <source>:<external id>')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'zendesk:35436' }),
})

export const IntakeResponseSchema = z
  .object({
    ticket_id: z.string(),
    status: z.enum(['received', 'processing', 'ready', 'failed']),
    outcome: z.enum(['created', 'updated', 'duplicate', 'stale']),
    correlation_id: z.string(),
  })
  .openapi('IntakeResponse')

const SuggestionSchema = RetrievedChunkSchema.omit({ metadata: true })

export const TicketResponseSchema = z
  .object({
    ticket_id: z.string(),
    source: z.enum(TICKET_SOURCES),
    external_ticket_id: z.string(),
    status: z.enum(['received', 'processing', 'ready', 'failed']),
    subject: z.string(),
    priority: z.enum(TICKET_PRIORITIES),
    customer: CustomerContextSchema.nullable(),
    customer_found: z.boolean(),
    suggestions: z.array(SuggestionSchema),
    ticket_sentiment: z.number().min(-1).max(1),
    suggested_priority: z.object({
      priority: z.enum(TICKET_PRIORITIES),
      raised: z.boolean(),
      reasons: z.array(z.string()),
    }),
    degraded: z.array(z.string()),
    processing_time_ms: z.number().int().nullable(),
    computed_on_demand: z.boolean(),
    last_error: z.string().nullable(),
    correlation_id: z.string().openapi({
      description:
        "The correlation id the ticket was last accepted under (its intake request's, which its processing logs carry); the same for every reader. This request's own id is in the `x-correlation-id` header.",
    }),
    generated_at: z.string().datetime(),
  })
  .openapi('TicketResponse')

export const FeedbackRequestSchema = z
  .object({
    agent_id: z.string().trim().min(1).max(128),
    feedback: z
      .array(
        z
          .object({
            chunk_id: z
              .string()
              .min(3)
              .max(1_200)
              .regex(/#\d+$/, 'must be a suggestion chunk_id (<document>#<n>)'),
            verdict: z.enum(VERDICTS),
            comment: z.string().max(2_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict()
  .openapi('FeedbackRequest')

export const FeedbackSummarySchema = z
  .array(
    z.object({
      document_key: z.string(),
      helpful: z.number().int(),
      not_helpful: z.number().int(),
      used_in_reply: z.number().int(),
      helpful_rate: z.number(),
    }),
  )
  .openapi('FeedbackSummary')
