import { isoTimestamp } from './mapping.ts'

/**
 * Times from admin-written templates (Zendesk triggers, Freshdesk automations): the template's
 * ISO value when readable, else the delivery time, flagged in metadata. A placeholder rendered in
 * a locale format ("February 3, 2025") must not reject an otherwise good ticket.
 */
export function templateTimes(
  created: unknown,
  updated: unknown,
  receivedAt: Date = new Date(),
): { createdAt: string; updatedAt?: string; fallback: boolean } {
  const createdAt = isoTimestamp(created, 's')
  const updatedAt = isoTimestamp(updated, 's')
  if (createdAt) return { createdAt, updatedAt, fallback: false }
  return { createdAt: receivedAt.toISOString(), fallback: true }
}
