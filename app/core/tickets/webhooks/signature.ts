import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Rejection, VerifyResult } from './types.ts'

export const DEFAULT_TOLERANCE_MS = 5 * 60_000

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512'

/** HMAC over the concatenation of `parts`; strings are UTF-8, bytes are used as they are. */
export function hmac(
  algorithm: HmacAlgorithm,
  secret: string,
  parts: readonly (string | Uint8Array)[],
): Buffer {
  const mac = createHmac(algorithm, Buffer.from(secret, 'utf8'))
  for (const part of parts) mac.update(part)
  return mac.digest()
}

/** Constant-time for equal lengths; different lengths are a mismatch, never an exception. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Compares secrets through their SHA-256 so that not even their length leaks. */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Case-insensitive header lookup; an empty value counts as absent. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== '') return value
  }
  return undefined
}

export const fail = (reason: string, field?: string): Rejection =>
  field === undefined ? { ok: false, reason } : { ok: false, reason, field }

export const OK: VerifyResult = { ok: true }

/** Rejects timestamps older, or further in the future, than the tolerance. */
export function checkFreshness(
  {
    signedAt,
    now,
    toleranceMs = DEFAULT_TOLERANCE_MS,
  }: {
    signedAt: number
    now: Date
    toleranceMs?: number
  },
  field: string,
): VerifyResult {
  if (!Number.isFinite(signedAt)) return fail('timestamp is not a valid time', field)
  const skew = now.getTime() - signedAt
  if (skew > toleranceMs) return fail(`timestamp is older than ${toleranceMs} ms`, field)
  if (-skew > toleranceMs) return fail(`timestamp is more than ${toleranceMs} ms ahead`, field)
  return OK
}

/**
 * Parses a WebSub-style `method=signature` header (`sha256=ab12...`) with a lowercase-hex digest.
 * Unknown methods and malformed digests yield undefined.
 */
export function parseHubSignature(
  value: string,
): { algorithm: HmacAlgorithm; hex: string } | undefined {
  const match = /^(sha1|sha256|sha384|sha512)=([0-9a-fA-F]+)$/.exec(value.trim())
  if (!match?.[1] || !match[2]) return undefined
  return { algorithm: match[1] as HmacAlgorithm, hex: match[2].toLowerCase() }
}

/** Shared check for vendors that sign the raw body alone. */
export function requireSecret(secret: string): VerifyResult {
  return secret === '' ? fail('no webhook secret is configured for this vendor') : OK
}
