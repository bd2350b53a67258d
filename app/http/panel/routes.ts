import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { mintPanelToken, panelTokenSecret } from '../../core/panel/token.ts'
import { recordFeedback } from '../../core/tickets/feedback.ts'
import { findTicketByReference } from '../../core/tickets/get-ticket-context.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { publicRequestUrl } from '../public-url.ts'
import { errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts'
import { TicketReferenceParam } from '../schemas/ticket.ts'
import { validationHook } from '../validation.ts'
import { authorizePanel } from './auth.ts'
import { renderPanel } from './page.tsx'
import {
  PanelFeedbackRequestSchema,
  PanelTokenRequestSchema,
  PanelTokenResponseSchema,
} from './schemas.ts'

const mint = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['panel'],
  summary: "Mint a short-lived token for one agent's panel on one ticket (server side only)",
  description:
    "Call from your helpdesk integration's server with the API key; put the returned `url` in the agent's iframe. See docs/panel.md.",
  request: { body: jsonBody(PanelTokenRequestSchema) },
  responses: {
    200: jsonResponse(PanelTokenResponseSchema, 'The token and the panel URL that carries it'),
    ...errorResponses(400, 401, 413, 415, 429),
  },
})

const feedback = createRoute({
  method: 'post',
  path: '/tickets/{id}/feedback',
  tags: ['panel'],
  summary: "The panel page's feedback: like POST /tickets/{id}/feedback, the agent from the token",
  security: [{ panelToken: [] }],
  request: { params: TicketReferenceParam, body: jsonBody(PanelFeedbackRequestSchema) },
  responses: {
    200: jsonResponse(z.object({ ticket_id: z.string(), recorded: z.number().int() }), 'Recorded'),
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
      const { token, expiresAt } = mintPanelToken(secret, {
        ticketId: ticket_id,
        agentId: agent_id,
        ttlSeconds,
      })
      const url = pageUrl(publicRequestUrl(c, deps.config), ticket_id, token)
      return c.json({ token, expires_at: expiresAt.toISOString(), url }, 200)
    })
    .openapi(feedback, async (c) => {
      const { id } = c.req.valid('param')
      const claims = authorize(c, id)
      const ticket = await findTicketByReference(deps.db, id)
      const entries = c.req.valid('json').feedback
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

/** On the public URL (behind a proxy, the request's own URL may be an internal one). */
function pageUrl(base: URL, ticketId: string, token: string): string {
  const url = new URL(`/panel/tickets/${ticketId}`, base)
  url.searchParams.set('token', token)
  return url.href
}
