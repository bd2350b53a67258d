/** The error codes the API speaks; app/http/errors.ts maps each to one HTTP status. */
export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'internal'

export interface ErrorDetail {
  /** The input field at fault, as a dotted path (`body.subject`, `params.external_id`). */
  field?: string
  message: string
}

/** The one error type use cases throw for expected failures. Anything else is a bug (500). */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: ErrorDetail[]

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.details = options.details
  }
}
