import { FRESHDESK_SECRET_HEADER } from '../../app/core/tickets/webhooks/freshdesk.ts'
import {
  HELPSCOUT_EVENT,
  HELPSCOUT_SIGNATURE,
  helpScoutSignature,
} from '../../app/core/tickets/webhooks/helpscout.ts'
import { HUB_SIGNATURE, hubSignature } from '../../app/core/tickets/webhooks/hub-signature.ts'
import {
  HUBSPOT_SIGNATURE_V3,
  HUBSPOT_TIMESTAMP,
  hubSpotSignatureV3,
} from '../../app/core/tickets/webhooks/hubspot.ts'
import type { WebhookVendor } from '../../app/core/tickets/webhooks/types.ts'
import {
  ZENDESK_SIGNATURE,
  ZENDESK_TIMESTAMP,
  zendeskSignature,
} from '../../app/core/tickets/webhooks/zendesk.ts'

/** One secret per vendor for the drills' servers, as the WEBHOOK_SECRET_<VENDOR> variables. */
export const DRILL_WEBHOOK_SECRETS: Record<WebhookVendor, string> = {
  zendesk: 'drill-zendesk-signing-secret',
  freshdesk: 'drill-freshdesk-shared-secret-0123456789',
  intercom: 'drill-intercom-client-secret',
  jira: 'drill-jira-webhook-secret',
  hubspot: 'drill-hubspot-client-secret',
  helpscout: 'drill-helpscout-secret-key',
}

export function webhookSecretEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DRILL_WEBHOOK_SECRETS).map(([vendor, secret]) => [
      `WEBHOOK_SECRET_${vendor.toUpperCase()}`,
      secret,
    ]),
  )
}

/**
 * The headers each helpdesk would send for `body`, signed with the drill secret. `url` is the
 * full URL called (HubSpot signs it); `now` the signing time.
 */
export function signWebhook(
  vendor: WebhookVendor,
  body: Uint8Array,
  { url, now = new Date() }: { url: string; now?: Date },
): Record<string, string> {
  const secret = DRILL_WEBHOOK_SECRETS[vendor]
  switch (vendor) {
    case 'zendesk': {
      const timestamp = now.toISOString()
      return {
        [ZENDESK_TIMESTAMP]: timestamp,
        [ZENDESK_SIGNATURE]: zendeskSignature({ secret, timestamp, body }),
      }
    }
    case 'freshdesk':
      return { [FRESHDESK_SECRET_HEADER]: secret }
    case 'intercom':
      return { [HUB_SIGNATURE]: hubSignature({ algorithm: 'sha1', secret, body }) }
    case 'jira':
      return { [HUB_SIGNATURE]: hubSignature({ algorithm: 'sha256', secret, body }) }
    case 'hubspot': {
      const timestamp = String(now.getTime())
      return {
        [HUBSPOT_TIMESTAMP]: timestamp,
        [HUBSPOT_SIGNATURE_V3]: hubSpotSignatureV3({
          secret,
          method: 'POST',
          uri: url,
          body,
          timestamp,
        }),
      }
    }
    case 'helpscout':
      return {
        [HELPSCOUT_EVENT]: 'convo.created',
        [HELPSCOUT_SIGNATURE]: helpScoutSignature({ secret, body }),
      }
  }
}
