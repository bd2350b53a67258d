import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { type Logger, lazyChild } from '../../observability/logger.ts'
import type { AppEnv } from '../env.ts'

export const CORRELATION_HEADER = 'x-correlation-id'
/** Printable, header-safe and short: anything else is replaced, never echoed or logged. */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/

export function acceptCorrelationId(candidate: string | undefined): string {
  return candidate && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID()
}

/** Marks the answers built by `correlatedResponse`: they carry the header already. */
const CARRIES_ID = Symbol('carries the correlation id')

/**
 * An answer whose headers are a plain record that already holds the correlation id: the Node
 * server writes it as it is (docs/benchmarks.md). Any other answer gets the header added once
 * the handler returns, which turns its headers into a `Headers` object first.
 */
export function correlatedResponse(
  c: Context<AppEnv>,
  body: Uint8Array | string,
  status: number,
  headers: Record<string, string>,
): Response {
  // The id first: a spread followed by more properties is many times slower to build.
  const all = { [CORRELATION_HEADER]: c.get('correlationId'), ...headers }
  const response: Response & { [CARRIES_ID]?: true } = new Response(body, { status, headers: all })
  response[CARRIES_ID] = true
  return response
}

/** Gives each request a correlation id and a logger carrying it; logs one line per request. */
export const correlation = (logger: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const correlationId = acceptCorrelationId(c.req.header(CORRELATION_HEADER))
    c.set('correlationId', correlationId)
    c.set('logger', lazyChild(logger, { correlation_id: correlationId }))
    const started = performance.now()
    await next()
    if (!(c.res as { [CARRIES_ID]?: true })[CARRIES_ID])
      addHeader(c, CORRELATION_HEADER, correlationId)
    // The same line the request's logger would write, without making it for this line alone.
    logger.info('request', {
      correlation_id: correlationId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
    })
  })

/**
 * Sets a header on the finished answer in place. `c.header()` on a finished answer would make
 * Hono copy it with its body as a stream, which cost a small request about a fifth of its time
 * (docs/benchmarks.md); only an answer whose headers are immutable (`Response.redirect()`, a
 * fetched response) still takes that copy.
 */
function addHeader(c: Context<AppEnv>, name: string, value: string): void {
  try {
    c.res.headers.set(name, value)
  } catch {
    c.header(name, value)
  }
}
