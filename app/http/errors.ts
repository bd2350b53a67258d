import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { AppError, type ErrorCode, type ErrorDetail } from '../core/errors.ts'
import { DatabaseUnavailableError } from '../ports/sql.ts'
import type { AppEnv } from './env.ts'

export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  upstream_unavailable: 503,
}

const CODE_OF: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(STATUS_OF).map(([code, status]) => [status, code as ErrorCode]),
)

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; correlation_id: string }
}

export function errorResponse(c: Context<AppEnv>, error: AppError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      correlation_id: c.get('correlationId'),
    },
  }
  return c.json(body, STATUS_OF[error.code])
}

/** Turns a zod failure at an input boundary into invalid_request naming each field. */
const TARGET_NAMES: Record<string, string> = { param: 'params', json: 'body', form: 'body' }

export function fromZodError(error: ZodError, target: string): AppError {
  const prefix = TARGET_NAMES[target] ?? target
  const details = error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
  const first = details[0]
  const message = first ? `Invalid ${first.field}: ${first.message}` : `Invalid ${prefix}`
  return new AppError('invalid_request', message, { details })
}

/** The app's onError: expected errors keep their code; anything else is logged and answered 500. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return errorResponse(c, error)
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx (malformed JSON body...): keep the status, speak our error shape.
    const code = CODE_OF[error.status] ?? 'invalid_request'
    return errorResponse(c, new AppError(code, error.message || 'Invalid request'))
  }
  if (error instanceof DatabaseUnavailableError) {
    // Nothing was stored for this request (or its outcome is unknown): a retry is safe.
    c.get('logger')?.warn('database unavailable', { error })
    c.header('retry-after', '5')
    return errorResponse(
      c,
      new AppError('upstream_unavailable', 'The database is unavailable; retry'),
    )
  }
  c.get('logger')?.error('unhandled error', { error, stack: error.stack })
  return errorResponse(c, new AppError('internal', 'Internal error; quote the correlation id'))
}
