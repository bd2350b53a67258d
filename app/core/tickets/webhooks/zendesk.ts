import { ignored } from './build.ts'
import { checkFreshness, fail, header, hmac, OK, requireSecret, safeEqual } from './signature.ts'
import type {
  NormaliseContext,
  NormaliseResult,
  VerifyInput,
  VerifyResult,
  WebhookAdapter,
} from './types.ts'
import { isRecord, text } from './values.ts'
import { normaliseZendeskEvent } from './zendesk-event.ts'
import { normaliseZendeskTrigger } from './zendesk-trigger.ts'

export const ZENDESK_SIGNATURE = 'X-Zendesk-Webhook-Signature'
export const ZENDESK_TIMESTAMP = 'X-Zendesk-Webhook-Signature-Timestamp'

/** base64(HMAC-SHA256(secret, TIMESTAMP + BODY)); the secret is used as a literal string. */
export function zendeskSignature({
  secret,
  timestamp,
  body,
}: {
  secret: string
  timestamp: string
  body: Uint8Array
}): string {
  return hmac('sha256', secret, [timestamp, body]).toString('base64')
}

export function verifyZendesk(input: VerifyInput): VerifyResult {
  const configured = requireSecret(input.secret)
  if (!configured.ok) return configured
  const signature = header(input.headers, ZENDESK_SIGNATURE)
  if (!signature) return fail('the signature header is missing', ZENDESK_SIGNATURE)
  const timestamp = header(input.headers, ZENDESK_TIMESTAMP)
  if (!timestamp) return fail('the signature timestamp header is missing', ZENDESK_TIMESTAMP)
  const fresh = checkFreshness(
    { signedAt: Date.parse(timestamp), now: input.now, toleranceMs: input.toleranceMs },
    ZENDESK_TIMESTAMP,
  )
  if (!fresh.ok) return fresh
  const expected = zendeskSignature({ secret: input.secret, timestamp, body: input.rawBody })
  return safeEqual(signature.trim(), expected)
    ? OK
    : fail('the signature does not match', ZENDESK_SIGNATURE)
}

/** Event-subscription payloads carry `type: zen:event-type:…`; anything else is a trigger body. */
async function normaliseZendesk(payload: unknown, ctx: NormaliseContext): Promise<NormaliseResult> {
  if (!isRecord(payload)) return fail('the body must be a JSON object', 'body')
  const type = text(payload.type)
  if (type?.startsWith('zen:event-type:')) return normaliseZendeskEvent(payload, type)
  if (type !== undefined && 'detail' in payload) return ignored(`event type ${type} is not handled`)
  return normaliseZendeskTrigger(payload, ctx)
}

export const zendeskAdapter: WebhookAdapter = {
  vendor: 'zendesk',
  signatureHeaders: [ZENDESK_SIGNATURE, ZENDESK_TIMESTAMP],
  verify: verifyZendesk,
  normalise: normaliseZendesk,
}
