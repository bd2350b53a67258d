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
 * Compared as SHA-256 digests in constant time, so neither content nor length leaks.
 */
export const originVerify = (secret: string) => {
  const expected = digest(secret)
  return createMiddleware<AppEnv>(async (c, next) => {
    const presented = c.req.header(ORIGIN_VERIFY_HEADER)
    if (presented === undefined || !timingSafeEqual(digest(presented), expected))
      return errorResponse(c, new AppError('forbidden', 'Requests must come through the edge'))
    await next()
  })
}
