import { z } from '@hono/zod-openapi'

export const TICKET_SOURCES = [
  'api',
  'zendesk',
  'freshdesk',
  'intercom',
  'jira',
  'hubspot',
  'helpscout',
] as const
export type TicketSource = (typeof TICKET_SOURCES)[number]
export const TICKET_CHANNELS = ['email', 'chat', 'phone', 'web'] as const
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** Deeper metadata would overflow the stack of the fingerprint (and PostgreSQL's jsonb parser). */
const MAX_METADATA_DEPTH = 32

/** How deep objects and arrays nest in `value`, counted without recursion (it may be huge). */
function nestingDepth(value: unknown): number {
  let deepest = 0
  const pending: [unknown, number][] = [[value, 1]]
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [current, depth] = item
    if (!current || typeof current !== 'object') continue
    deepest = Math.max(deepest, depth)
    if (deepest > MAX_METADATA_DEPTH) return deepest
    for (const child of Object.values(current)) pending.push([child, depth + 1])
  }
  return deepest
}

/**
 * The one shape every intake path produces: `POST /tickets` takes it as is, each helpdesk
 * webhook is normalised to it. Idempotency key: (source, external_ticket_id).
 */
export const TicketRequestSchema = z
  .object({
    source: z.enum(TICKET_SOURCES).default('api'),
    external_ticket_id: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._:#/-]{0,127}$/,
        'must be 1-128 letters, digits or . _ : # / -',
      )
      .openapi({ example: 'ZD-48213' }),
    customer_external_id: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
        'must be 1-128 letters, digits, ".", "_", ":" or "-"',
      )
      .openapi({ example: 'CUST-00002' }),
    /** Optional: lets a helpdesk that only knows the requester's email reach the right customer. */
    customer_email: z.string().email().max(320).optional(),
    subject: z.string().trim().min(1).max(500),
    description: z.string().max(50_000).default(''),
    channel: z.enum(TICKET_CHANNELS).default('web'),
    priority: z.enum(TICKET_PRIORITIES).default('normal'),
    metadata: z
      .record(z.string(), z.unknown())
      .refine(
        (metadata) => nestingDepth(metadata) <= MAX_METADATA_DEPTH,
        `must not nest deeper than ${MAX_METADATA_DEPTH} levels`,
      )
      .default({}),
    created_at: z.string().datetime({ offset: true }),
    /** The helpdesk's last-modified time: a delivery older than the stored one is ignored. */
    updated_at: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .openapi('TicketRequest')

export type TicketRequest = z.infer<typeof TicketRequestSchema>
