import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { AppError } from '../../core/errors.ts'
import { mintPanelToken, panelTokenSecret } from '../../core/panel/token.ts'
import { recordFeedback } from '../../core/tickets/feedback.ts'
import { findTicketByReference } from '../../core/tickets/get-ticket-context.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { errorResponses } from '../schemas/common.ts'
import { TicketReferenceParam } from '../schemas/ticket.ts'
import { validationHook } from '../validation.ts'
import { authorizePanel } from './auth.ts'
import { renderPanel } from './page.tsx'
import {
  PanelFeedbackRequestSchema,
  PanelTokenRequestSchema,
  PanelTokenResponseSchema,
} from './schemas.ts'

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const body = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

const mint = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['panel'],
  summary: "Mint a short-lived token for one agent's panel on one ticket (server side only)",
  description:
    "Call from your helpdesk integration's server with the API key; put the returned `url` in the agent's iframe. See docs/panel.md.",
  request: { body: body(PanelTokenRequestSchema) },
  responses: {
    200: json(PanelTokenResponseSchema, 'The token and the panel URL that carries it'),
    ...errorResponses(400, 401, 413, 415, 429),
  },
})

const feedback = createRoute({
  method: 'post',
  path: '/tickets/{id}/feedback',
  tags: ['panel'],
  summary: "The panel page's feedback: like POST /tickets/{id}/feedback, the agent from the token",
  security: [{ panelToken: [] }],
  request: { params: TicketReferenceParam, body: body(PanelFeedbackRequestSchema) },
  responses: {
    200: json(z.object({ ticket_id: z.string(), recorded: z.number().int() }), 'Recorded'),
    ...errorResponses(400, 401, 404, 429),
  },
})

/**
 * The agent side panel (docs/panel.md): an iframe page and its feedback, authenticated by a
 * panel token rather than an API key, and the API-key route that mints those tokens.
 */
export function panelRoutes(deps: Deps) {
  const secret = panelTokenSecret(deps.config.PANEL_TOKEN_SECRET, deps.logger)
  const authorize = (c: Context<AppEnv>, ticketId: string) =>
    authorizePanel(c, deps, secret, ticketId)
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openAPIRegistry.registerComponent('securitySchemes', 'panelToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A panel token from `POST /panel/tokens` (the page also accepts `?token=`).',
  })
  return app
    .openapi(mint, (c) => {
      const { ticket_id, agent_id, ttl_seconds } = c.req.valid('json')
      const ttlSeconds = ttl_seconds ?? deps.config.PANEL_TOKEN_TTL_SECONDS
      const minted = mintPanelToken(secret, { ticketId: ticket_id, agentId: agent_id, ttlSeconds })
      const url = new URL(`/panel/tickets/${ticket_id}`, deps.config.PUBLIC_BASE_URL ?? c.req.url)
      url.searchParams.set('token', minted.token)
      const expires_at = minted.expiresAt.toISOString()
      return c.json({ token: minted.token, expires_at, url: url.href }, 200)
    })
    .openapi(feedback, async (c) => {
      const { id } = c.req.valid('param')
      const claims = authorize(c, id)
      const ticket = await findTicketByReference(deps.db, id)
      const entries = c.req.valid('json').feedback
      if (new Set(entries.map((e) => e.chunk_id)).size !== entries.length) {
        throw new AppError('invalid_request', 'Each chunk_id may appear once', {
          details: [{ field: 'body.feedback', message: 'duplicate chunk_id' }],
        })
      }
      const verdicts = entries.map((e) => ({
        chunkId: e.chunk_id,
        verdict: e.verdict,
        comment: e.comment,
      }))
      await recordFeedback(deps.db, ticket.id, claims.agentId, verdicts)
      return c.json({ ticket_id: ticket.id, recorded: entries.length }, 200)
    })
    .get('/tickets/:id', (c) => renderPanel(c, deps, authorize))
}
