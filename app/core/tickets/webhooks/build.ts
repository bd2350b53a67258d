import { type TicketRequest, TicketRequestSchema } from '../ticket-request.ts'
import {
  customerKey,
  type Requester,
  subjectFrom,
  type TicketChannel,
  type TicketPriority,
  validEmail,
} from './mapping.ts'
import { fail } from './signature.ts'
import type { NormaliseResult, Rejection, WebhookVendor } from './types.ts'

const MAX_DESCRIPTION = 50_000

/** What a vendor mapping produces before the shared rules and the schema run. */
export interface TicketDraft {
  source: WebhookVendor
  externalTicketId: string | undefined
  requester: Requester
  subject: string | undefined
  description: string | undefined
  channel: TicketChannel | undefined
  priority: TicketPriority | undefined
  createdAt: string | undefined
  updatedAt?: string | undefined
  metadata: Record<string, unknown>
}

/** The payload path of each required value, so a rejection names the vendor's own field. */
export interface DraftFields {
  id: string
  requester: string
  subject: string
  createdAt: string
}

export type BuiltTicket = { ok: true; ticket: TicketRequest } | Rejection

/** Applies the shared rules (id, subject or description, requester, time), then the schema. */
export function buildTicket(draft: TicketDraft, fields: DraftFields): BuiltTicket {
  if (!draft.externalTicketId) return fail('the ticket id is missing', fields.id)
  const description = (draft.description ?? '').slice(0, MAX_DESCRIPTION)
  const subject = subjectFrom(draft.subject, description)
  if (!subject) return fail('the ticket has neither a subject nor a description', fields.subject)
  const customer = customerKey(draft.source, draft.requester)
  if (!customer) return fail('the requester has no external id, id or email', fields.requester)
  if (!draft.createdAt) return fail('the creation time is missing or unreadable', fields.createdAt)
  const parsed = TicketRequestSchema.safeParse(
    withoutUndefined({
      source: draft.source,
      external_ticket_id: draft.externalTicketId,
      customer_external_id: customer,
      customer_email: validEmail(draft.requester.email),
      subject,
      description,
      channel: draft.channel,
      priority: draft.priority,
      created_at: draft.createdAt,
      updated_at: draft.updatedAt,
      metadata: draft.metadata,
    }),
  )
  if (parsed.success) return { ok: true, ticket: parsed.data }
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') ?? 'body'
  return fail(`${field}: ${issue?.message ?? 'invalid'}`, field)
}

/** The result for vendors whose payload describes exactly one ticket. */
export function singleTicket(draft: TicketDraft, fields: DraftFields): NormaliseResult {
  const built = buildTicket(draft, fields)
  return built.ok ? { ok: true, outcome: 'tickets', tickets: [built.ticket] } : built
}

export const ignored = (reason: string): NormaliseResult => ({
  ok: true,
  outcome: 'ignored',
  reason,
})

/** Absent optional fields stay absent in the ticket instead of appearing as `undefined`. */
const withoutUndefined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined))
