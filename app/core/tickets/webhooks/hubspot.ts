import { createHash } from 'node:crypto'
import { buildTicket, type DraftFields, ignored, type TicketDraft } from './build.ts'
import { fetchHubSpotTicket } from './hubspot-api.ts'
import { channelFrom, isoTimestamp, priorityFrom } from './mapping.ts'
import { checkFreshness, fail, header, hmac, OK, requireSecret, safeEqual } from './signature.ts'
import { plainText } from './text.ts'
import type {
  NormaliseContext,
  NormaliseResult,
  VerifyInput,
  VerifyResult,
  WebhookAdapter,
} from './types.ts'
import { at, compact, type JsonObject, text } from './values.ts'

export const HUBSPOT_SIGNATURE_V3 = 'X-HubSpot-Signature-v3'
export const HUBSPOT_TIMESTAMP = 'X-HubSpot-Request-Timestamp'

/** The escapes HubSpot decodes in the URI before signing; every other escape stays encoded. */
const DECODED_ESCAPES = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi
export const hubSpotSignedUri = (url: string) =>
  url.replace(DECODED_ESCAPES, (encoded) => decodeURIComponent(encoded))

interface SignedRequest {
  secret: string
  method: string
  uri: string
  body: Uint8Array
}

/** v3: base64(HMAC-SHA256(secret, METHOD + URI + BODY + TIMESTAMP)), timestamp in epoch ms. */
export const hubSpotSignatureV3 = ({ timestamp, ...r }: SignedRequest & { timestamp: string }) =>
  hmac('sha256', r.secret, [r.method, hubSpotSignedUri(r.uri), r.body, timestamp]).toString(
    'base64',
  )

/**
 * v1 (hex SHA-256 of secret + body) and v2 (… of secret + METHOD + URI + body). Not accepted by
 * `verify`: they sign no timestamp, so a captured request could be replayed forever.
 */
export const hubSpotSignatureV1 = ({ secret, body }: Pick<SignedRequest, 'secret' | 'body'>) =>
  createHash('sha256').update(secret).update(body).digest('hex')
export const hubSpotSignatureV2 = (r: SignedRequest) =>
  createHash('sha256')
    .update(r.secret + r.method + r.uri)
    .update(r.body)
    .digest('hex')

export function verifyHubSpot(input: VerifyInput): VerifyResult {
  const configured = requireSecret(input.secret)
  if (!configured.ok) return configured
  const signature = header(input.headers, HUBSPOT_SIGNATURE_V3)
  if (!signature) return fail('the v3 signature header is missing', HUBSPOT_SIGNATURE_V3)
  const timestamp = header(input.headers, HUBSPOT_TIMESTAMP)?.trim()
  if (!timestamp || !/^\d+$/.test(timestamp)) {
    return fail('the request timestamp must be epoch milliseconds', HUBSPOT_TIMESTAMP)
  }
  const { now, toleranceMs } = input
  const fresh = checkFreshness({ signedAt: Number(timestamp), now, toleranceMs }, HUBSPOT_TIMESTAMP)
  if (!fresh.ok) return fresh
  const expected = hubSpotSignatureV3({
    secret: input.secret,
    method: input.method.toUpperCase(),
    uri: input.url,
    body: input.rawBody,
    timestamp,
  })
  return safeEqual(signature.trim(), expected)
    ? OK
    : fail('the signature does not match', HUBSPOT_SIGNATURE_V3)
}

const TICKET_EVENTS = new Set(['ticket.creation', 'ticket.propertyChange'])
const FIELDS: DraftFields = {
  id: 'id',
  requester: 'associations.contacts',
  subject: 'properties.subject',
  createdAt: 'properties.createdate',
}

/** A CRM v3 ticket object; the requester is its first associated contact (`hubspot:<id>`). */
function draftFrom(ticket: JsonObject, event: JsonObject): TicketDraft {
  const property = (name: string) => at(ticket, 'properties', name)
  return {
    source: 'hubspot',
    externalTicketId: text(ticket.id),
    requester: { vendorId: text(at(ticket, 'associations', 'contacts', 'results', 0, 'id')) },
    subject: text(property('subject')),
    description: plainText(text(property('content'))),
    channel: channelFrom(property('source_type')) ?? 'web',
    priority: priorityFrom(property('hs_ticket_priority')),
    createdAt: isoTimestamp(property('createdate') ?? ticket.createdAt, 'ms'),
    updatedAt: isoTimestamp(property('hs_lastmodifieddate') ?? ticket.updatedAt, 'ms'),
    metadata: compact({
      event_type: text(event.subscriptionType),
      event_id: text(event.eventId),
      portal_id: text(event.portalId),
      pipeline: text(property('hs_pipeline')),
      pipeline_stage: text(property('hs_pipeline_stage')),
      category: text(property('hs_ticket_category')),
    }),
  }
}

/** One event per ticket id: a batch often holds several property changes of one ticket. */
function ticketEvents(events: readonly unknown[]): Map<string, JsonObject> {
  const byId = new Map<string, JsonObject>()
  for (const event of events) {
    const id = text(at(event, 'objectId'))
    const type = text(at(event, 'subscriptionType'))
    if (id && type && TICKET_EVENTS.has(type) && !byId.has(id)) byId.set(id, event as JsonObject)
  }
  return byId
}

/** HubSpot posts a JSON array of id-only events; each ticket is read back from the CRM API. */
async function normaliseHubSpot(payload: unknown, ctx: NormaliseContext): Promise<NormaliseResult> {
  if (!Array.isArray(payload)) return fail('the body must be a JSON array of events', 'body')
  const events = ticketEvents(payload)
  if (events.size === 0) return ignored('the batch has no ticket creation or property change')
  if (!ctx.hubspot) {
    return { ok: false, reason: 'HubSpot API access is not configured', retryable: true }
  }
  const tickets = []
  for (const [id, event] of events) {
    const fetched = await fetchHubSpotTicket(id, ctx.hubspot)
    if (!fetched.ok) return fetched
    const built = buildTicket(draftFrom(fetched.ticket, event), FIELDS)
    if (!built.ok) return built
    tickets.push(built.ticket)
  }
  return { ok: true, outcome: 'tickets', tickets }
}

export const hubSpotAdapter: WebhookAdapter = {
  vendor: 'hubspot',
  signatureHeaders: [HUBSPOT_SIGNATURE_V3, HUBSPOT_TIMESTAMP],
  verify: verifyHubSpot,
  normalise: normaliseHubSpot,
}
