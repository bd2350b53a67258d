import { ignored, singleTicket } from './build.ts'
import { channelFrom, isoTimestamp } from './mapping.ts'
import { fail, header, hmac, OK, requireSecret, safeEqual } from './signature.ts'
import { htmlToText } from './text.ts'
import type {
  NormaliseContext,
  NormaliseResult,
  VerifyInput,
  VerifyResult,
  WebhookAdapter,
} from './types.ts'
import { at, compact, isRecord, type JsonObject, list, text } from './values.ts'

export const HELPSCOUT_SIGNATURE = 'X-HelpScout-Signature'
export const HELPSCOUT_EVENT = 'X-HelpScout-Event'

/** Conversation events whose body is not a live conversation. */
const NOT_A_CONVERSATION = new Set(['convo.deleted', 'convo.merged'])

/** base64(HMAC-SHA1(secret, raw body)). */
export function helpScoutSignature({ secret, body }: { secret: string; body: Uint8Array }): string {
  return hmac('sha1', secret, [body]).toString('base64')
}

export function verifyHelpScout({ rawBody, headers, secret }: VerifyInput): VerifyResult {
  const configured = requireSecret(secret)
  if (!configured.ok) return configured
  const signature = header(headers, HELPSCOUT_SIGNATURE)
  if (!signature) return fail('the signature header is missing', HELPSCOUT_SIGNATURE)
  const expected = helpScoutSignature({ secret, body: rawBody })
  return safeEqual(signature.trim(), expected)
    ? OK
    : fail('the signature does not match', HELPSCOUT_SIGNATURE)
}

/**
 * The customer's first thread carries the request itself; threads are listed newest first, so
 * it is the last customer thread. `preview` is the fallback.
 */
function firstCustomerMessage(convo: JsonObject): string | undefined {
  const threads = list(convo.threads).filter((thread) => at(thread, 'type') === 'customer')
  const body = text(at(threads.at(-1), 'body'))
  return body === undefined ? text(convo.preview) : htmlToText(body)
}

function mapConversation(convo: JsonObject, event: string): NormaliseResult {
  const customer = convo.customer ?? convo.primaryCustomer
  return singleTicket(
    {
      source: 'helpscout',
      externalTicketId: text(convo.id),
      requester: { vendorId: text(at(customer, 'id')), email: text(at(customer, 'email')) },
      subject: text(convo.subject),
      description: firstCustomerMessage(convo),
      channel: channelFrom(convo.type) ?? 'email',
      priority: undefined,
      createdAt: isoTimestamp(convo.createdAt, 's'),
      updatedAt: isoTimestamp(convo.modifiedAt ?? convo.userUpdatedAt, 's'),
      metadata: compact({
        event_type: event,
        number: text(convo.number),
        status: text(convo.status),
        mailbox: text(at(convo, 'mailbox', 'name')) ?? text(convo.mailboxId),
        assignee_id: text(at(convo, 'owner', 'id')),
        tags: list(convo.tags).flatMap((tag) => text(tag) ?? text(at(tag, 'tag')) ?? []),
      }),
    },
    { id: 'id', requester: 'customer', subject: 'subject', createdAt: 'createdAt' },
  )
}

/** The event name is in the `X-HelpScout-Event` header; the body is the Conversation object. */
async function normaliseHelpScout(
  payload: unknown,
  ctx: NormaliseContext,
): Promise<NormaliseResult> {
  const event = header(ctx.headers, HELPSCOUT_EVENT)
  if (!event) return fail('the event header is missing', HELPSCOUT_EVENT)
  if (!event.startsWith('convo.') || NOT_A_CONVERSATION.has(event)) {
    return ignored(`event ${event} is not a conversation creation or update`)
  }
  if (!isRecord(payload)) return fail('the body must be a JSON object', 'body')
  return mapConversation(payload, event)
}

export const helpScoutAdapter: WebhookAdapter = {
  vendor: 'helpscout',
  signatureHeaders: [HELPSCOUT_SIGNATURE, HELPSCOUT_EVENT],
  verify: verifyHelpScout,
  normalise: normaliseHelpScout,
}
