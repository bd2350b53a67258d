import type { TicketRequest, TicketSource } from '../ticket-request.ts'

/** Every helpdesk we accept webhooks from; `POST /webhooks/{vendor}` uses these names. */
export type WebhookVendor = Exclude<TicketSource, 'api'>

/** Why a request or payload was refused. `field` names the header or payload path at fault. */
export interface Rejection {
  ok: false
  reason: string
  field?: string
  /**
   * True when the failure is ours or an upstream's (HubSpot API down, token wrong), not the
   * payload's: the route should answer 5xx so the vendor retries the delivery later.
   */
  retryable?: boolean
}

export type VerifyResult = { ok: true } | Rejection

export interface VerifyInput {
  /** The request body exactly as received; signatures are computed over these bytes. */
  rawBody: Uint8Array
  /** Request headers; names are matched case-insensitively. */
  headers: Record<string, string>
  /** The secret configured for this vendor. An empty secret never verifies. */
  secret: string
  /** The clock used for timestamp freshness (Zendesk, HubSpot). */
  now: Date
  /** HTTP method as received (`POST`); HubSpot v3 signs it. */
  method: string
  /** The full URL the vendor called (scheme, host, path, query); HubSpot v3 signs it. */
  url: string
  /** Maximum age (and clock skew) of a signed timestamp in ms; default 5 minutes. */
  toleranceMs?: number
}

/** Where and how to read a HubSpot ticket, which HubSpot webhooks only reference by id. */
export interface HubSpotClientOptions {
  /** A private-app or OAuth access token with the `tickets` scope. */
  token: string
  fetch?: typeof globalThis.fetch
  /** Default `https://api.hubapi.com`. */
  baseUrl?: string
}

export interface NormaliseContext {
  headers: Record<string, string>
  /** When the delivery arrived; stands in for a creation time an admin template omits. */
  receivedAt?: Date
  hubspot?: HubSpotClientOptions
}

/**
 * `tickets`: one ticket per created/updated vendor ticket (HubSpot batches may carry several).
 * `ignored`: a well-formed event that is not a ticket creation or update (ping, comment, deletion);
 * the route answers 2xx without creating anything. A `Rejection` is a payload we cannot use.
 */
export type NormaliseResult =
  | { ok: true; outcome: 'tickets'; tickets: TicketRequest[] }
  | { ok: true; outcome: 'ignored'; reason: string }
  | Rejection

export interface WebhookAdapter {
  vendor: WebhookVendor
  /** Header names the helpdesk admin configures or the vendor sends, for docs and logs. */
  signatureHeaders: readonly string[]
  /** Checks the request's signature (or shared secret); pure and synchronous. */
  verify(input: VerifyInput): VerifyResult
  /** Maps an already JSON-parsed, verified payload to `TicketRequest`s. */
  normalise(payload: unknown, ctx: NormaliseContext): Promise<NormaliseResult>
}
