import { freshdeskAdapter } from './freshdesk.ts'
import { helpScoutAdapter } from './helpscout.ts'
import { hubSpotAdapter } from './hubspot.ts'
import { intercomAdapter } from './intercom.ts'
import { jiraAdapter } from './jira.ts'
import type { WebhookAdapter, WebhookVendor } from './types.ts'
import { zendeskAdapter } from './zendesk.ts'

export type * from './types.ts'

/** One adapter per vendor; the key is the `{vendor}` of `POST /webhooks/{vendor}`. */
export const webhookAdapters: Readonly<Record<WebhookVendor, WebhookAdapter>> = {
  zendesk: zendeskAdapter,
  freshdesk: freshdeskAdapter,
  intercom: intercomAdapter,
  jira: jiraAdapter,
  hubspot: hubSpotAdapter,
  helpscout: helpScoutAdapter,
}

export const isKnownVendor = (name: string): name is WebhookVendor =>
  Object.hasOwn(webhookAdapters, name)
