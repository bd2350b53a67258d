import { ignored, singleTicket } from './build.ts'
import { channelFrom, isoTimestamp, priorityFrom } from './mapping.ts'
import type { NormaliseResult } from './types.ts'
import { at, compact, type JsonObject, text, words } from './values.ts'

const PREFIX = 'zen:event-type:'

/**
 * Ticket events whose `detail` is not a live ticket. Every other `ticket.*` event carries the
 * ticket's current state in `detail` and is treated as an update.
 */
const NOT_A_TICKET_STATE = /(?<!un)deleted|spam|merged/

/**
 * Zendesk's fixed event-subscription shape (`zen:event-type:ticket.created` and other ticket
 * events). `detail` has no requester email or external id, so the customer is `zendesk:<id>`.
 */
export function normaliseZendeskEvent(payload: JsonObject, type: string): NormaliseResult {
  const event = type.slice(PREFIX.length)
  if (!event.startsWith('ticket.') || NOT_A_TICKET_STATE.test(event)) {
    return ignored(`event type ${type} is not a ticket creation or update`)
  }
  const detail = at(payload, 'detail')
  return singleTicket(
    {
      source: 'zendesk',
      externalTicketId: text(at(detail, 'id')),
      requester: { vendorId: text(at(detail, 'requester_id')) },
      subject: text(at(detail, 'subject')),
      description: text(at(detail, 'description')),
      channel: channelFrom(at(detail, 'via', 'channel')) ?? 'web',
      priority: priorityFrom(at(detail, 'priority')),
      createdAt: isoTimestamp(at(detail, 'created_at'), 's'),
      updatedAt: isoTimestamp(at(detail, 'updated_at'), 's'),
      metadata: compact({
        event_type: type,
        event_id: text(payload.id),
        account_id: text(payload.account_id),
        status: text(at(detail, 'status'))?.toLowerCase(),
        ticket_type: text(at(detail, 'type'))?.toLowerCase(),
        tags: words(at(detail, 'tags')),
        assignee_id: text(at(detail, 'assignee_id')),
      }),
    },
    {
      id: 'detail.id',
      requester: 'detail.requester_id',
      subject: 'detail.subject',
      createdAt: 'detail.created_at',
    },
  )
}
