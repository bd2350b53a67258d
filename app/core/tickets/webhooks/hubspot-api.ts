import type { HubSpotClientOptions, Rejection } from './types.ts'
import { isRecord, type JsonObject } from './values.ts'

export const HUBSPOT_BASE_URL = 'https://api.hubapi.com'
const TIMEOUT_MS = 10_000

/** Ticket properties the mapping reads; the CRM returns only the properties asked for. */
export const HUBSPOT_TICKET_PROPERTIES = [
  'subject',
  'content',
  'hs_ticket_priority',
  'createdate',
  'hs_lastmodifieddate',
  'hs_pipeline',
  'hs_pipeline_stage',
  'hs_ticket_category',
  'source_type',
] as const

export type FetchedTicket = { ok: true; ticket: JsonObject } | Rejection

/** The CRM v3 read of one ticket with its associated contacts. */
export function hubSpotTicketUrl(id: string, baseUrl: string = HUBSPOT_BASE_URL): string {
  const properties = HUBSPOT_TICKET_PROPERTIES.join(',')
  const base = baseUrl.replace(/\/+$/, '')
  return `${base}/crm/v3/objects/tickets/${encodeURIComponent(id)}?properties=${properties}&associations=contacts`
}

/**
 * Reads a ticket. A 404 (deleted or never there) is a plain rejection; an unreachable API, a
 * refused token, rate limiting or a 5xx is `retryable`, so HubSpot re-delivers the event later.
 */
export async function fetchHubSpotTicket(
  id: string,
  { token, fetch = globalThis.fetch, baseUrl = HUBSPOT_BASE_URL }: HubSpotClientOptions,
): Promise<FetchedTicket> {
  let response: Response
  try {
    response = await fetch(hubSpotTicketUrl(id, baseUrl), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    const reason = `HubSpot could not be reached: ${(error as Error).message}`
    return { ok: false, reason, field: 'objectId', retryable: true }
  }
  if (!response.ok) {
    await response.body?.cancel()
    const reason = `HubSpot answered ${response.status} for ticket ${id}`
    return { ok: false, reason, field: 'objectId', retryable: response.status !== 404 }
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (isRecord(body)) return { ok: true, ticket: body }
  return { ok: false, reason: 'HubSpot answered with a non-object body', retryable: true }
}
