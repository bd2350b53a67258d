import { createHash } from 'node:crypto'
import {
  type TICKET_CHANNELS,
  type TICKET_PRIORITIES,
  TicketRequestSchema,
} from '../ticket-request.ts'
import { text } from './values.ts'

export type TicketChannel = (typeof TICKET_CHANNELS)[number]
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]

/**
 * Vendor priority names, lower-cased. Jira's old scheme shares ids with the new one
 * (Blocker=Highest, Critical=High, Major=Medium, Minor=Low, Trivial=Lowest), hence Major→normal.
 */
const PRIORITIES: Record<string, TicketPriority> = {
  lowest: 'low',
  trivial: 'low',
  low: 'low',
  minor: 'low',
  normal: 'normal',
  medium: 'normal',
  major: 'normal',
  high: 'high',
  critical: 'high',
  urgent: 'urgent',
  highest: 'urgent',
  blocker: 'urgent',
}

export const priorityFrom = (value: unknown): TicketPriority | undefined =>
  PRIORITIES[text(value)?.toLowerCase() ?? '']

/** Channel keywords found in vendors' via/source/channel names ("Web Form", "native_messaging"). */
const CHANNEL_PATTERNS: readonly [RegExp, TicketChannel][] = [
  [/mail/i, 'email'],
  [/voice|phone|call/i, 'phone'],
  [/chat|messag|messenger|whatsapp|sms|facebook|twitter|instagram|line|wechat|slack/i, 'chat'],
  [/web|form|portal|api|widget/i, 'web'],
]

export function channelFrom(value: unknown): TicketChannel | undefined {
  const name = text(value)
  if (name === undefined) return undefined
  return CHANNEL_PATTERNS.find(([pattern]) => pattern.test(name))?.[1]
}

const ISO_WITH_ZONE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

/**
 * ISO 8601 with an explicit offset, as `TicketRequest` wants it. Accepts ISO strings with `Z`,
 * `+hh:mm` or Jira's `+hhmm`, and epoch numbers (or digit strings) in the given unit. Times
 * without a zone, and anything unreadable, are undefined: guessing a zone would shift them.
 */
export function isoTimestamp(value: unknown, epochUnit: 's' | 'ms'): string | undefined {
  const raw = text(value)
  if (raw === undefined) return undefined
  if (/^\d+$/.test(raw)) {
    const date = new Date(Number(raw) * (epochUnit === 's' ? 1000 : 1))
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
  }
  const match = ISO_WITH_ZONE.exec(raw)
  if (!match) return undefined
  const [, day, minutes, seconds = ':00', zone = 'Z'] = match
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  const iso = `${day}T${minutes}${seconds}${offset}`
  return Number.isNaN(Date.parse(iso)) ? undefined : iso
}

/** The first line of the description, shortened, for vendors whose tickets may lack a subject. */
export function subjectFrom(subject: string | undefined, description: string): string | undefined {
  if (subject) return subject.slice(0, 500)
  const line = description
    .split('\n')
    .find((candidate) => candidate.trim() !== '')
    ?.trim()
  if (!line) return undefined
  return line.length <= 120 ? line : `${line.slice(0, 119).trimEnd()}…`
}

const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

export interface Requester {
  /** An id the customer's own systems gave the requester (Zendesk/Intercom external id). */
  externalId?: string
  /** The helpdesk's own id for the requester; used as `<vendor>:<id>`. */
  vendorId?: string
  email?: string
}

/** A usable email, by the same rule `TicketRequest` applies. */
export const validEmail = (value: unknown): string | undefined => {
  const candidate = text(value)
  return TicketRequestSchema.shape.customer_email.safeParse(candidate).success
    ? candidate
    : undefined
}

/**
 * `customer_external_id`, best first: the requester's external id, the vendor-prefixed vendor
 * id, else `email:` + 32 hex of SHA-256 of the lower-cased email (the schema forbids `@`).
 */
export function customerKey(vendor: string, requester: Requester): string | undefined {
  if (requester.externalId && CUSTOMER_ID.test(requester.externalId)) return requester.externalId
  if (requester.vendorId) return `${vendor}:${requester.vendorId}`
  const email = validEmail(requester.email)
  if (!email) return undefined
  return `email:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`
}
