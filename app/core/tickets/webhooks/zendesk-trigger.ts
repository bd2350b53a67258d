import { singleTicket } from './build.ts'
import { channelFrom, priorityFrom } from './mapping.ts'
import { templateTimes } from './received.ts'
import type { NormaliseContext, NormaliseResult } from './types.ts'
import { compact, type JsonObject, text, words } from './values.ts'

/** `{{ticket.description}}` opens with a rule and "Name, date" before the first comment. */
const COMMENT_HEADER = /^-{10,}\s*\n\s*\n[^\n]*\n\s*\n/

/**
 * A body written by the admin in a Zendesk trigger (template in docs/webhooks.md). Its keys extend
 * the ones Zulip's Zendesk integration uses, so such existing templates only need the requester
 * keys added. Zendesk renders absent values as "" (and priority as "-").
 */
export function normaliseZendeskTrigger(body: JsonObject, ctx: NormaliseContext): NormaliseResult {
  const times = templateTimes(body.created_at, body.updated_at, ctx.receivedAt)
  const description = text(body.ticket_description)?.replace(COMMENT_HEADER, '')
  return singleTicket(
    {
      source: 'zendesk',
      externalTicketId: text(body.ticket_id),
      requester: {
        externalId: text(body.requester_external_id),
        vendorId: text(body.requester_id),
        email: text(body.requester_email),
      },
      subject: text(body.ticket_title),
      description,
      channel: channelFrom(body.ticket_via) ?? 'web',
      priority: priorityFrom(body.ticket_priority),
      createdAt: times.createdAt,
      updatedAt: times.updatedAt,
      metadata: compact({
        event_type: 'trigger',
        status: text(body.ticket_status)?.toLowerCase(),
        ticket_type: text(body.ticket_type)?.toLowerCase(),
        tags: words(body.tags),
        assignee: text(body.assignee_full_name),
        url: text(body.link) ?? text(body.ticket_url),
        times_from: times.fallback ? 'received_at' : undefined,
      }),
    },
    {
      id: 'ticket_id',
      requester: 'requester_email',
      subject: 'ticket_title',
      createdAt: 'created_at',
    },
  )
}
