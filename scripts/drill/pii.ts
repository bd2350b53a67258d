import { type DrillResult, result } from './report.ts'
import { emptyCounts, SEEDED } from './tickets.ts'

/** Where a seeded customer's email or name appears in a log, without repeating the value. */
export interface PiiHit {
  log: string
  customer: string
  kind: 'email' | 'name'
}

/** Scans logs for every seeded customer's email and full name (case-insensitive). */
export function scanForPersonalData(logs: { name: string; text: string }[]): PiiHit[] {
  const hits: PiiHit[] = []
  for (const { name, text } of logs) {
    const haystack = text.toLowerCase()
    for (const customer of SEEDED) {
      if (haystack.includes(customer.email.toLowerCase()))
        hits.push({ log: name, customer: customer.externalId, kind: 'email' })
      if (haystack.includes(customer.name.toLowerCase()))
        hits.push({ log: name, customer: customer.externalId, kind: 'name' })
    }
  }
  return hits
}

export function piiDrill(logs: { name: string; text: string }[]): DrillResult {
  const started = performance.now()
  const hits = scanForPersonalData(logs)
  return result('no personal data in logs', started, emptyCounts(), {
    problems: hits.length ? [`${hits.length} seeded emails or names found in server logs`] : [],
    details: {
      logs_scanned: logs.map((l) => l.name),
      bytes_scanned: logs.reduce((sum, l) => sum + l.text.length, 0),
      customers: SEEDED.length,
      hits: hits.slice(0, 20),
    },
  })
}
