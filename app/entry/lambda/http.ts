import type { Context, LambdaFunctionURLEvent } from 'aws-lambda'
import { type APIGatewayProxyResult, handle, type LambdaEvent } from 'hono/aws-lambda'
import type { Deps } from '../../deps.ts'
import { createApp } from '../../http/app.ts'
import { acceptCorrelationId, CORRELATION_HEADER } from '../../http/middleware/correlation.ts'
import type { LambdaObservability } from './observability.ts'

export interface HandlerDeps {
  deps: () => Promise<Deps>
  observability: LambdaObservability
}

/**
 * The HTTP API behind a Lambda Function URL (payload format 2.0). The correlation id is fixed
 * here, before the app sees the request, so the Powertools context and the app's logs agree.
 */
export function createHttpHandler({ deps, observability }: HandlerDeps) {
  let built: { deps: Deps; handle: ReturnType<typeof handle> } | null = null
  return async (
    event: LambdaFunctionURLEvent,
    context?: Context,
  ): Promise<APIGatewayProxyResult> => {
    const current = await deps()
    if (built?.deps !== current) built = { deps: current, handle: handle(createApp(current)) }
    const correlationId = acceptCorrelationId(event.headers?.[CORRELATION_HEADER])
    observability.begin(context, correlationId)
    const headers = { ...event.headers, [CORRELATION_HEADER]: correlationId }
    // Hono types the v2 payload as API Gateway's, whose requestContext has an `authorizer` that a
    // Function URL without IAM auth omits; the fields Hono reads are the same.
    return built.handle({ ...event, headers } as unknown as LambdaEvent, context as never)
  }
}
