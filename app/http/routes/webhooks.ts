import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { receiveWebhook } from '../../core/tickets/receive-webhook.ts'
import { TICKET_SOURCES } from '../../core/tickets/ticket-request.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { publicRequestUrl } from '../public-url.ts'
import { errorResponses, jsonResponse } from '../schemas/common.ts'
import { validationHook } from '../validation.ts'

const VENDORS = TICKET_SOURCES.filter((source) => source !== 'api')

const WebhookResponse = z
  .object({
    ignored: z
      .string()
      .optional()
      .openapi({ description: 'why nothing was created (ping, comment...)' }),
    results: z
      .array(
        z.object({
          ticket_id: z.string(),
          status: z.string(),
          outcome: z.enum(['created', 'updated', 'duplicate', 'stale']),
        }),
      )
      .optional(),
    correlation_id: z.string(),
  })
  .openapi('WebhookResponse')

const deliver = createRoute({
  method: 'post',
  path: '/{vendor}',
  tags: ['webhooks'],
  summary: "A helpdesk's own webhook (signed), normalised into tickets",
  description:
    "No API key: the vendor's signature over the raw body (or the shared secret header for Freshdesk) authenticates the call. See docs/webhooks.md for each helpdesk's setup.",
  security: [],
  request: {
    params: z.object({
      vendor: z.string().openapi({ param: { name: 'vendor', in: 'path' }, enum: [...VENDORS] }),
    }),
  },
  responses: {
    202: jsonResponse(WebhookResponse, 'Tickets created or updated'),
    200: jsonResponse(WebhookResponse, 'Duplicate delivery or ignored event'),
    ...errorResponses(400, 401, 404, 413, 503),
  },
})

export const webhookRoutes = (deps: Deps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(deliver, async (c) => {
    const url = publicRequestUrl(c, deps.config).toString()
    const outcome = await receiveWebhook(deps, {
      vendor: c.req.valid('param').vendor,
      rawBody: new Uint8Array(await c.req.arrayBuffer()),
      headers: Object.fromEntries(c.req.raw.headers),
      method: c.req.method,
      url,
      correlationId: c.get('correlationId'),
    })
    const correlation_id = c.get('correlationId')
    if ('ignored' in outcome) return c.json({ ignored: outcome.ignored, correlation_id }, 200)
    const results = outcome.results.map(({ ticket, outcome }) => ({
      ticket_id: ticket.id,
      status: ticket.status,
      outcome,
    }))
    const queued = outcome.results.some((r) => r.outcome === 'created' || r.outcome === 'updated')
    return c.json({ results, correlation_id }, queued ? 202 : 200)
  })
