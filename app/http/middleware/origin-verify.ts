import { createHash, timingSafeEqual } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../../core/errors.ts'
import type { AppEnv } from '../env.ts'
import { errorResponse } from '../errors.ts'

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Behind CloudFront, the edge adds a secret header to every origin request; a request without
 * it went around the edge (straight to the Function URL) and is refused (docs/decisions/0004).
 * Compared as SHA-256 digests in constant time, so neither content nor length leaks. During a
 * rotation two values are accepted (the new one and the previous one); each is compared every
 * time, so which one matched does not show in the timing either.
 */
export const originVerify = (secrets: readonly [string, ...string[]]) => {
  const expected = secrets.map(digest)
  return createMiddleware<AppEnv>(async (c, next) => {
    const presented = c.req.header(ORIGIN_VERIFY_HEADER)
    const given = digest(presented ?? '')
    let matched = false
    for (const secret of expected) matched = timingSafeEqual(given, secret) || matched
    if (presented === undefined || !matched)
      return errorResponse(c, new AppError('forbidden', 'Requests must come through the edge'))
    await next()
  })
}
