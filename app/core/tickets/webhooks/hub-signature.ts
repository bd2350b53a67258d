import {
  fail,
  type HmacAlgorithm,
  header,
  hmac,
  OK,
  parseHubSignature,
  requireSecret,
  safeEqual,
} from './signature.ts'
import type { VerifyInput, VerifyResult } from './types.ts'

/** The WebSub form both Intercom and Jira use: header name and the digest they send. */
export const HUB_SIGNATURE = 'X-Hub-Signature'

/** `method=` + lowercase hex HMAC of the raw body; e.g. `sha256=…` for a secret `s`. */
export function hubSignature({
  algorithm,
  secret,
  body,
}: {
  algorithm: HmacAlgorithm
  secret: string
  body: Uint8Array
}): string {
  return `${algorithm}=${hmac(algorithm, secret, [body]).toString('hex')}`
}

/**
 * Verifies `X-Hub-Signature: <method>=<hex HMAC(secret, raw body)>`. The method is read from the
 * header (Jira documents SHA-256 only as its default) but must be one of `allowed`.
 */
export function verifyHubSignature(
  { rawBody, headers, secret }: VerifyInput,
  allowed: readonly HmacAlgorithm[],
): VerifyResult {
  const configured = requireSecret(secret)
  if (!configured.ok) return configured
  const value = header(headers, HUB_SIGNATURE)
  if (!value) return fail('the signature header is missing', HUB_SIGNATURE)
  const parsed = parseHubSignature(value)
  if (!parsed || !allowed.includes(parsed.algorithm)) {
    return fail(`the signature must look like ${allowed[0]}=<hex>`, HUB_SIGNATURE)
  }
  const expected = hmac(parsed.algorithm, secret, [rawBody]).toString('hex')
  return safeEqual(parsed.hex, expected) ? OK : fail('the signature does not match', HUB_SIGNATURE)
}
