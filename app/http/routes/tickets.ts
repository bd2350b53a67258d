import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, Handler } from 'hono'
import { AppError } from '../../core/errors.ts'
import { recordFeedback } from '../../core/tickets/feedback.ts'
import {
  cachedTicketContext,
  findTicketByReference,
  loadTicketContext,
  type TicketContextResult,
} from '../../core/tickets/get-ticket-context.ts'
import { intakeTicket } from '../../core/tickets/intake.ts'
import { TicketRequestSchema } from '../../core/tickets/ticket-request.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { fromZodError } from '../errors.ts'
import { correlatedResponse } from '../middleware/correlation.ts'
import { presentTicketBody } from '../presenters/ticket.ts'
import { errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts'
import {
  FeedbackRequestSchema,
  IntakeResponseSchema,
  TICKET_REFERENCE,
  TicketReferenceParam,
  TicketResponseSchema,
} from '../schemas/ticket.ts'
import { validationHook } from '../validation.ts'

const intake = createRoute({
  method: 'post',
  path: '/',
  tags: ['tickets'],
  summary: 'Accept a ticket: durable (ticket + queue message in one transaction) before the answer',
  description:
    'Idempotent on (source, external_ticket_id). 202 `created`/`updated` (queued); 200 `duplicate` (same content, nothing queued) or `stale` (older than the stored ticket, ignored).',
  request: { body: jsonBody(TicketRequestSchema) },
  responses: {
    202: jsonResponse(IntakeResponseSchema, 'Accepted and queued'),
    200: jsonResponse(IntakeResponseSchema, 'Already held (duplicate or stale delivery)'),
    ...errorResponses(400, 401, 413, 415, 429, 503),
  },
})

const context = createRoute({
  method: 'get',
  path: '/{id}/context',
  tags: ['tickets'],
  summary: "The ticket's customer 360 and knowledge suggestions (built on demand if not ready yet)",
  request: { params: TicketReferenceParam },
  responses: {
    200: jsonResponse(TicketResponseSchema, 'The ticket context'),
    ...errorResponses(400, 401, 404, 429),
  },
})

const feedback = createRoute({
  method: 'post',
  path: '/{id}/feedback',
  tags: ['tickets'],
  summary:
    "Record an agent's verdict on suggestions (one per agent and suggestion; later replaces)",
  request: { params: TicketReferenceParam, body: jsonBody(FeedbackRequestSchema) },
  responses: {
    200: jsonResponse(z.object({ ticket_id: z.string(), recorded: z.number().int() }), 'Recorded'),
    ...errorResponses(400, 401, 404, 429),
  },
})

export const ticketRoutes = (deps: Deps) => {
  const routes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
    intake,
    async (c) => {
      const { ticket, outcome } = await intakeTicket(
        deps,
        c.req.valid('json'),
        c.get('correlationId'),
      )
      const status = outcome === 'created' || outcome === 'updated' ? 202 : 200
      const response = {
        ticket_id: ticket.id,
        status: ticket.status,
        outcome,
        correlation_id: c.get('correlationId'),
      }
      return c.json(response, status)
    },
  )
  // The hottest read: described in the spec like the other routes, but its one parameter is
  // checked in the handler against the same schema, not by a validator middleware layer.
  routes.openAPIRegistry.registerPath(context)
  routes.openapi(feedback, async (c) => {
    const ticket = await findTicketByReference(deps.db, c.req.valid('param').id)
    const { agent_id, feedback: entries } = c.req.valid('json')
    if (new Set(entries.map((e) => e.chunk_id)).size !== entries.length) {
      throw new AppError('invalid_request', 'Each chunk_id may appear once', {
        details: [{ field: 'body.feedback', message: 'duplicate chunk_id' }],
      })
    }
    await recordFeedback(
      deps.db,
      ticket.id,
      agent_id,
      entries.map((e) => ({ chunkId: e.chunk_id, verdict: e.verdict, comment: e.comment })),
    )
    return c.json({ ticket_id: ticket.id, recorded: entries.length }, 200)
  })
  routes.get('/:id/context', readContext(deps))
  return routes
}

/** GET /tickets/{id}/context, answered with headers as a plain record and pre-encoded JSON. */
function readContext(deps: Deps): Handler<AppEnv> {
  // A ready context changes only when the ticket does: a shared (edge) cache may keep it
  // briefly, one copy per caller (Vary on the credentials). Anything still processing: never.
  const ready = contextHeaders(`public, max-age=${deps.config.CONTEXT_MAX_AGE_SECONDS}`)
  const processing = contextHeaders('no-store')
  const answer = (c: Context<AppEnv>, result: TicketContextResult) =>
    // Same shape as presentTicket (TicketResponseSchema), serialised once per stored context.
    correlatedResponse(
      c,
      presentTicketBody(result),
      200,
      result.ticket.status === 'ready' ? ready : processing,
    )
  return (c) => {
    const id = c.req.param('id') ?? ''
    // The schema's own pattern first: zod runs only to word the error of a bad id.
    if (!TICKET_REFERENCE.test(id)) {
      const params = TicketReferenceParam.safeParse({ id })
      if (!params.success) throw fromZodError(params.error, 'param')
    }
    // A context read again within its cache time (most reads) is answered without a promise.
    const cached = cachedTicketContext(deps.ticketContext, id)
    if (cached) return answer(c, cached)
    return loadTicketContext(deps.ticketContext, id).then((result) => answer(c, result))
  }
}

const contextHeaders = (cacheControl: string) => ({
  'content-type': 'application/json',
  'cache-control': cacheControl,
  vary: 'authorization, x-api-key',
})
