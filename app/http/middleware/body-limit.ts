import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../../core/errors.ts'
import { errorResponse } from '../errors.ts'

/**
 * MAX_BODY_BYTES → 413 in the error shape. Registered for the methods that carry a body
 * (app.ts): asking a Node request for its body builds a full WHATWG Request (stream, abort
 * signal), which cost a GET about a fifth of its time (docs/benchmarks.md).
 */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      // The rest of the body is not read: the connection cannot be reused, so say so rather
      // than let a keep-alive client send its next request into a socket being torn down.
      c.header('connection', 'close')
      return errorResponse(c, new AppError('payload_too_large', `Body exceeds ${maxSize} bytes`))
    },
  })
