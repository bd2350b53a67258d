import { randomUUID } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { Logger } from '../../observability/logger.ts'
import type { AppEnv } from '../env.ts'

export const CORRELATION_HEADER = 'x-correlation-id'
/** Printable, header-safe and short: anything else is replaced, never echoed or logged. */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/

export function acceptCorrelationId(candidate: string | undefined): string {
  return candidate && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID()
}

/** Gives each request a correlation id and a logger carrying it; logs one line per request. */
export const correlation = (logger: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const correlationId = acceptCorrelationId(c.req.header(CORRELATION_HEADER))
    const requestLogger = logger.child({ correlation_id: correlationId })
    c.set('correlationId', correlationId)
    c.set('logger', requestLogger)
    const started = performance.now()
    // Set before the handler so it rides in the response the handler builds. Setting a header
    // on a finished response makes Hono rebuild it as a stream, which cost about a fifth of a
    // small request's time (docs/benchmarks.md); only a response built without the context
    // (a raw Response) still needs it added afterwards.
    c.header(CORRELATION_HEADER, correlationId)
    await next()
    if (c.res.headers.get(CORRELATION_HEADER) !== correlationId)
      c.header(CORRELATION_HEADER, correlationId)
    requestLogger.info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
    })
  })
