import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'

/** A fresh CSP nonce per page: only our own inline style and script run. */
export const newNonce = () => randomBytes(16).toString('base64')

/**
 * Headers of a page that lives in a helpdesk's iframe: nothing loads but our nonced inline
 * style and script, fetches go back to us only, only the listed helpdesks may frame it (so no
 * X-Frame-Options), and the token in the URL never leaves in a Referer or a cache.
 */
export function setPageHeaders(c: Context<AppEnv>, nonce: string, frameAncestors: string): void {
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ]
  c.header('content-security-policy', policy.join('; '))
  c.header('referrer-policy', 'no-referrer')
  c.header('x-content-type-options', 'nosniff')
  c.header('cache-control', 'no-store')
}
