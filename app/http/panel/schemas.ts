import { z } from '@hono/zod-openapi'
import { FeedbackRequestSchema } from '../schemas/ticket.ts'

export const PanelTokenRequestSchema = z
  .object({
    /** Same references as GET /tickets/{id}/context; the token is valid for this string only. */
    ticket_id: z
      .string()
      .regex(
        /^(tkt_[0-9a-f-]{36}|[a-z]+:[A-Za-z0-9][A-Za-z0-9._:-]{0,127})$/,
        'must be tkt_<uuid> or <source>:<external id>',
      )
      .openapi({ example: 'zendesk:35436' }),
    agent_id: z.string().trim().min(1).max(128).openapi({ example: 'zendesk-agent-1234' }),
    ttl_seconds: z.number().int().min(30).max(86_400).optional().openapi({
      description: 'Default PANEL_TOKEN_TTL_SECONDS (900)',
    }),
  })
  .strict()
  .openapi('PanelTokenRequest')

export const PanelTokenResponseSchema = z
  .object({
    token: z.string(),
    expires_at: z.string().datetime(),
    url: z.string().openapi({ description: 'The panel page for an iframe, token included' }),
  })
  .openapi('PanelTokenResponse')

/** The agent comes from the token, so the page never names one. */
export const PanelFeedbackRequestSchema = z
  .object({
    feedback: FeedbackRequestSchema.shape.feedback.refine(
      (entries) => new Set(entries.map((e) => e.chunk_id)).size === entries.length,
      'Each chunk_id may appear once',
    ),
  })
  .strict()
  .openapi('PanelFeedbackRequest')
