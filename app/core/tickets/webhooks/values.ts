/** Small readers for untrusted, already JSON-parsed payloads: no throwing, no `any`. */

export type JsonObject = Record<string, unknown>

export const isRecord = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value at a nested path (`at(payload, 'data', 'item', 'id')`), or undefined. */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined
    else current = isRecord(current) ? current[key] : undefined
  }
  return current
}

/**
 * A trimmed, non-empty string; finite numbers become their decimal form (vendors send ids as
 * either). Anything else, and blank strings, are undefined.
 */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * Strings of a list, or of a separated string: Zendesk's `{{ticket.tags}}` separates with spaces,
 * Freshdesk's with commas (its tags may contain spaces).
 */
export function words(value: unknown, separator: RegExp = /[\s,]+/): string[] {
  if (typeof value === 'string') {
    return value
      .split(separator)
      .map((word) => word.trim())
      .filter((word) => word !== '')
  }
  return list(value).flatMap((item) => text(item) ?? [])
}

/** Drops undefined, null, blank strings and empty lists so metadata stays small. */
export function compact(entries: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value) && value.length === 0) continue
    kept[key] = value
  }
  return kept
}
