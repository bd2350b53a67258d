import { singleTicket } from './build.ts'
import { channelFrom, priorityFrom, type TicketChannel, type TicketPriority } from './mapping.ts'
import { templateTimes } from './received.ts'
import { fail, header, OK, requireSecret, secretsEqual } from './signature.ts'
import { htmlToText } from './text.ts'
import type {
  NormaliseContext,
  NormaliseResult,
  VerifyInput,
  VerifyResult,
  WebhookAdapter,
} from './types.ts'
import { compact, isRecord, text, words } from './values.ts'

/** Freshdesk cannot sign webhooks: the automation rule sends this custom header instead. */
export const FRESHDESK_SECRET_HEADER = 'X-Webhook-Secret'

/** Freshdesk's numeric priorities and sources, for templates that render codes, not names. */
const PRIORITY_CODES: Record<string, TicketPriority> = {
  '1': 'low',
  '2': 'normal',
  '3': 'high',
  '4': 'urgent',
}
const SOURCE_CODES: Record<string, TicketChannel> = {
  '1': 'email',
  '2': 'web',
  '3': 'phone',
  '7': 'chat',
  '9': 'web',
  '10': 'email',
}

export function verifyFreshdesk({ headers, secret }: VerifyInput): VerifyResult {
  const configured = requireSecret(secret)
  if (!configured.ok) return configured
  const given = header(headers, FRESHDESK_SECRET_HEADER)
  if (!given) return fail('the shared-secret header is missing', FRESHDESK_SECRET_HEADER)
  return secretsEqual(given, secret)
    ? OK
    : fail('the shared secret does not match', FRESHDESK_SECRET_HEADER)
}

/** The admin-written automation body, wrapped in `freshdesk_webhook` (Zulip's layout) or not. */
async function normaliseFreshdesk(
  payload: unknown,
  ctx: NormaliseContext,
): Promise<NormaliseResult> {
  const body =
    isRecord(payload) && isRecord(payload.freshdesk_webhook) ? payload.freshdesk_webhook : payload
  if (!isRecord(body)) return fail('the body must be a JSON object', 'body')
  const times = templateTimes(body.created_at, body.updated_at, ctx.receivedAt)
  const priority = text(body.ticket_priority)
  const source = text(body.ticket_source)
  const html = text(body.ticket_description)
  return singleTicket(
    {
      source: 'freshdesk',
      externalTicketId: text(body.ticket_id),
      requester: {
        externalId: text(body.requester_external_id),
        vendorId: text(body.requester_id),
        email: text(body.requester_email),
      },
      subject: text(body.ticket_subject),
      description: html === undefined ? undefined : htmlToText(html),
      channel: SOURCE_CODES[source ?? ''] ?? channelFrom(source) ?? 'web',
      priority: PRIORITY_CODES[priority ?? ''] ?? priorityFrom(priority),
      createdAt: times.createdAt,
      updatedAt: times.updatedAt,
      metadata: compact({
        event_type: text(body.triggered_event),
        status: text(body.ticket_status)?.toLowerCase(),
        ticket_type: text(body.ticket_type)?.toLowerCase(),
        tags: words(body.ticket_tags, /,/),
        assignee: text(body.agent_name),
        url: text(body.ticket_url),
        times_from: times.fallback ? 'received_at' : undefined,
      }),
    },
    {
      id: 'freshdesk_webhook.ticket_id',
      requester: 'freshdesk_webhook.requester_email',
      subject: 'freshdesk_webhook.ticket_subject',
      createdAt: 'freshdesk_webhook.created_at',
    },
  )
}

export const freshdeskAdapter: WebhookAdapter = {
  vendor: 'freshdesk',
  signatureHeaders: [FRESHDESK_SECRET_HEADER],
  verify: verifyFreshdesk,
  normalise: normaliseFreshdesk,
}
