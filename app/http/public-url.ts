import type { Context } from 'hono'
import type { Config } from '../config.ts'

const HOSTNAME = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/

/**
 * The URL a caller used for this request, for links we hand out and URLs signatures cover:
 * PUBLIC_BASE_URL when set; else, behind our edge (ORIGIN_VERIFY_SECRET set, so the middleware
 * has already proved CloudFront sent it), the viewer's host that the edge function passes as
 * `x-forwarded-host`; else the request's own URL.
 */
export function publicRequestUrl(
  c: Context,
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'ORIGIN_VERIFY_SECRET'>,
): URL {
  const own = new URL(c.req.url)
  const forwarded = c.req.header('x-forwarded-host')
  const base = config.PUBLIC_BASE_URL
    ? new URL(config.PUBLIC_BASE_URL)
    : config.ORIGIN_VERIFY_SECRET && forwarded && HOSTNAME.test(forwarded)
      ? new URL(`https://${forwarded}`)
      : own
  return new URL(own.pathname + own.search, base)
}
