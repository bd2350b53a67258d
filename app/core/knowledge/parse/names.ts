/** The lower-cased extension of the last path segment, with its dot ('' when there is none). */
export function extensionOf(key: string): string {
  const name = baseName(key)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot).toLowerCase() : ''
}

/** A readable title from a file name: `kb/cdc-covid19_faq.csv` → `Cdc covid19 faq`. */
export function titleFromKey(key: string): string {
  const name = baseName(key)
  const dot = name.lastIndexOf('.')
  const stem = (dot > 0 ? name.slice(0, dot) : name)
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (!stem) return name || key
  return stem.charAt(0).toUpperCase() + stem.slice(1)
}

function baseName(key: string): string {
  return key.split(/[\\/]/).pop() ?? key
}
