import { readFileSync } from 'node:fs'
import type { NormaliseResult } from '../../../../app/core/tickets/webhooks/types.ts'

const DIR = new URL('../../../fixtures/webhooks/', import.meta.url)

/** Raw bytes of a fixture, exactly as stored: what a signature is computed over. */
export const fixtureBytes = (path: string): Uint8Array => readFileSync(new URL(path, DIR))

/** A parsed payload fixture; each call returns a fresh copy tests may mutate. */
export const payload = <T extends object = Record<string, unknown>>(name: string): T =>
  JSON.parse(Buffer.from(fixtureBytes(`payloads/${name}`)).toString('utf8')) as T

/** The single ticket of a result, or a thrown assertion that says what came back instead. */
export function onlyTicket(result: NormaliseResult) {
  if (!result.ok || result.outcome !== 'tickets' || result.tickets.length !== 1) {
    throw new Error(`expected one ticket, got ${JSON.stringify(result)}`)
  }
  const [ticket] = result.tickets
  if (!ticket) throw new Error('unreachable')
  return ticket
}

export const RECEIVED_AT = new Date('2025-11-25T12:00:00.000Z')
