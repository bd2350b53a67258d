import { ignored, singleTicket } from './build.ts'
import { HUB_SIGNATURE, verifyHubSignature } from './hub-signature.ts'
import { channelFrom, isoTimestamp } from './mapping.ts'
import { fail } from './signature.ts'
import { htmlToText } from './text.ts'
import type { NormaliseResult, VerifyInput, WebhookAdapter } from './types.ts'
import { at, compact, isRecord, type JsonObject, list, text } from './values.ts'

const html = (value: unknown) => {
  const raw = text(value)
  return raw === undefined ? undefined : htmlToText(raw)
}

/** `conversation.user.created`: item is a conversation; the requester is its `user` (or contact). */
function conversation(item: JsonObject, envelope: JsonObject): NormaliseResult {
  const user =
    at(item, 'user') ?? at(item, 'contacts', 'contacts', 0) ?? at(item, 'source', 'author')
  const message = at(item, 'conversation_message') ?? at(item, 'source')
  return singleTicket(
    {
      source: 'intercom',
      externalTicketId: text(item.id),
      requester: {
        externalId: text(at(user, 'user_id')) ?? text(at(user, 'external_id')),
        vendorId: text(at(user, 'id')),
        email: text(at(user, 'email')),
      },
      subject: html(at(message, 'subject')),
      description: html(at(message, 'body')),
      channel: channelFrom(at(item, 'source', 'type')) ?? 'chat',
      priority: item.priority === 'priority' ? 'high' : undefined,
      createdAt: isoTimestamp(item.created_at, 's'),
      updatedAt: isoTimestamp(item.updated_at, 's'),
      metadata: compact({
        event_type: text(envelope.topic),
        notification_id: text(envelope.id),
        status: text(item.state),
        assignee_id: text(at(item, 'assignee', 'id')),
        tags: list(at(item, 'tags', 'tags')).flatMap((tag) => text(at(tag, 'name')) ?? []),
        url: text(at(item, 'links', 'conversation_web')),
      }),
    },
    {
      id: 'data.item.id',
      requester: 'data.item.user',
      subject: 'data.item.conversation_message.subject',
      createdAt: 'data.item.created_at',
    },
  )
}

/** `ticket.created`: item is a ticket; `id` is shared with the conversation it may come from. */
function ticket(item: JsonObject, envelope: JsonObject): NormaliseResult {
  const contact = at(item, 'contacts', 'contacts', 0)
  const assignee = text(item.admin_assignee_id)
  return singleTicket(
    {
      source: 'intercom',
      externalTicketId: text(item.id),
      requester: {
        externalId: text(at(contact, 'external_id')),
        vendorId: text(at(contact, 'id')),
        email: text(at(contact, 'email')),
      },
      subject: text(at(item, 'ticket_attributes', '_default_title_')),
      description: text(at(item, 'ticket_attributes', '_default_description_')),
      channel: channelFrom(item.channel) ?? 'chat',
      priority: undefined,
      createdAt: isoTimestamp(item.created_at, 's'),
      updatedAt: isoTimestamp(item.updated_at, 's'),
      metadata: compact({
        event_type: text(envelope.topic),
        notification_id: text(envelope.id),
        ticket_number: text(item.ticket_id),
        status: text(at(item, 'ticket_state', 'category')) ?? text(item.ticket_state),
        ticket_type: text(at(item, 'ticket_type', 'name')),
        assignee_id: assignee === '0' ? undefined : assignee,
      }),
    },
    {
      id: 'data.item.id',
      requester: 'data.item.contacts.contacts',
      subject: 'data.item.ticket_attributes._default_title_',
      createdAt: 'data.item.created_at',
    },
  )
}

async function normaliseIntercom(payload: unknown): Promise<NormaliseResult> {
  if (!isRecord(payload) || payload.type !== 'notification_event') {
    return fail('the body must be an Intercom notification_event', 'type')
  }
  const topic = text(payload.topic)
  const item = at(payload, 'data', 'item')
  if (topic !== 'conversation.user.created' && topic !== 'ticket.created') {
    return ignored(`topic ${topic ?? '(none)'} is not a conversation or ticket creation`)
  }
  if (!isRecord(item)) return fail('the notification has no item', 'data.item')
  return topic === 'ticket.created' ? ticket(item, payload) : conversation(item, payload)
}

export const intercomAdapter: WebhookAdapter = {
  vendor: 'intercom',
  signatureHeaders: [HUB_SIGNATURE],
  verify: (input: VerifyInput) => verifyHubSignature(input, ['sha1']),
  normalise: normaliseIntercom,
}
