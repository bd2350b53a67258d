import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { draftReply } from '../../core/tickets/draft-reply.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { errorResponses, jsonResponse } from '../schemas/common.ts'
import { TicketReferenceParam } from '../schemas/ticket.ts'
import { validationHook } from '../validation.ts'

export const DraftResponseSchema = z
  .object({
    ticket_id: z.string(),
    generator: z.enum(['bedrock', 'extractive']),
    text: z.string(),
    citations: z.array(
      z.object({ document_key: z.string(), chunk_id: z.string(), text: z.string() }),
    ),
    correlation_id: z.string(),
  })
  .openapi('DraftReply')

const draft = createRoute({
  method: 'post',
  path: '/{id}/draft',
  tags: ['tickets'],
  summary: 'Draft a reply to the ticket from the knowledge base, with the passages it cites',
  description:
    '`generator` says who wrote it: `bedrock` (RetrieveAndGenerate) or `extractive` (sentences lifted from the top passages). 404 `not_found` when drafts are not enabled.',
  request: { params: TicketReferenceParam },
  responses: {
    200: jsonResponse(DraftResponseSchema, 'A draft for an agent to edit'),
    ...errorResponses(400, 401, 404, 429, 503),
  },
})

export const draftRoutes = (deps: Deps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(draft, async (c) => {
    const { ticket, draft } = await draftReply(deps, c.req.valid('param').id)
    return c.json(
      {
        ticket_id: ticket.id,
        generator: draft.generator,
        text: draft.text,
        citations: draft.citations.map((cite) => ({
          document_key: cite.documentKey,
          chunk_id: cite.chunkId,
          text: cite.text,
        })),
        correlation_id: c.get('correlationId'),
      },
      200,
    )
  })
