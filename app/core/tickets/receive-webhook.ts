import type { Config } from '../../config.ts'
import { AppError } from '../errors.ts'
import { type IntakeResult, intakeTicket } from './intake.ts'
import { isKnownVendor, webhookAdapters } from './webhooks/index.ts'
import type { WebhookVendor } from './webhooks/types.ts'

export interface WebhookDelivery {
  vendor: string
  rawBody: Uint8Array
  headers: Record<string, string>
  method: string
  url: string
  correlationId: string
}

export type WebhookOutcome = { ignored: string } | { results: IntakeResult[] }

const SECRET_OF: Record<WebhookVendor, keyof Config> = {
  zendesk: 'WEBHOOK_SECRET_ZENDESK',
  freshdesk: 'WEBHOOK_SECRET_FRESHDESK',
  intercom: 'WEBHOOK_SECRET_INTERCOM',
  jira: 'WEBHOOK_SECRET_JIRA',
  hubspot: 'WEBHOOK_SECRET_HUBSPOT',
  helpscout: 'WEBHOOK_SECRET_HELPSCOUT',
}

/**
 * A helpdesk delivery: signature over the raw bytes first (nothing is parsed from an unsigned
 * body), then the vendor's payload normalised to TicketRequests, each taken in by the
 * idempotent intake.
 */
export async function receiveWebhook(
  deps: Parameters<typeof intakeTicket>[0] & { config: Config; fetch?: typeof fetch },
  delivery: WebhookDelivery,
): Promise<WebhookOutcome> {
  if (!isKnownVendor(delivery.vendor))
    throw new AppError('not_found', `Unknown webhook vendor ${delivery.vendor.slice(0, 40)}`)
  const adapter = webhookAdapters[delivery.vendor]
  const secretName = SECRET_OF[delivery.vendor]
  const secret = deps.config[secretName]
  if (typeof secret !== 'string')
    throw new AppError(
      'unauthorized',
      `Webhooks from ${delivery.vendor} are not enabled: set ${secretName}`,
    )
  const verified = adapter.verify({
    ...delivery,
    secret,
    now: new Date(),
    toleranceMs: deps.config.WEBHOOK_TOLERANCE_SECONDS * 1000,
  })
  if (!verified.ok) throw new AppError('unauthorized', `Signature rejected: ${verified.reason}`)
  const payload = parseJson(delivery.rawBody)
  const token = deps.config.HUBSPOT_ACCESS_TOKEN
  const normalised = await adapter.normalise(payload, {
    headers: delivery.headers,
    receivedAt: new Date(),
    hubspot: token ? { token, baseUrl: deps.config.HUBSPOT_API_URL, fetch: deps.fetch } : undefined,
  })
  if (!normalised.ok) {
    const code = normalised.retryable ? 'upstream_unavailable' : 'invalid_request'
    const field = normalised.field ? `body.${normalised.field}` : undefined
    throw new AppError(code, normalised.reason, {
      details: [{ field, message: normalised.reason }],
    })
  }
  if (normalised.outcome === 'ignored') return { ignored: normalised.reason }
  const results: IntakeResult[] = []
  for (const ticket of normalised.tickets)
    results.push(await intakeTicket(deps, ticket, delivery.correlationId))
  return { results }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new AppError('invalid_request', 'Body is not valid UTF-8 JSON', {
      details: [{ field: 'body', message: 'malformed JSON' }],
    })
  }
}
