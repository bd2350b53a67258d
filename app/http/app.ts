import { OpenAPIHono } from '@hono/zod-openapi'
import { Scalar } from '@scalar/hono-api-reference'
import type { Deps } from '../deps.ts'
import type { AppEnv } from './env.ts'
import { errorResponse, handleError } from './errors.ts'
import { apiKeyAuth } from './middleware/auth.ts'
import { limitBody } from './middleware/body-limit.ts'
import { correlation } from './middleware/correlation.ts'
import { allowedMethods, notFoundOrMethodNotAllowed } from './middleware/method-not-allowed.ts'
import { originVerify } from './middleware/origin-verify.ts'
import { OPENAPI_INFO } from './openapi.ts'
import { panelRoutes } from './panel/routes.ts'
import { customerRoutes } from './routes/customers.ts'
import { draftRoutes } from './routes/drafts.ts'
import { healthRoutes } from './routes/health.ts'
import { knowledgeRoutes } from './routes/knowledge.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { webhookRoutes } from './routes/webhooks.ts'

const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']

/** The HTTP API over the given dependencies; the same app serves Node and Lambda. */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>()
  app.use(correlation(deps.logger))
  const { ORIGIN_VERIFY_SECRET: originSecret, ORIGIN_VERIFY_SECRET_PREVIOUS: previous } =
    deps.config
  if (originSecret) app.use(originVerify(previous ? [originSecret, previous] : [originSecret]))
  // Only where a body can come: a GET does not pass through one more middleware layer.
  app.on(BODY_METHODS, '*', limitBody(deps.config.MAX_BODY_BYTES))
  app.use(
    apiKeyAuth({ db: deps.db, limiter: deps.rateLimiter, required: deps.config.AUTH_REQUIRED }),
  )
  app.route('/health', healthRoutes(deps))
  app.route('/tickets', ticketRoutes(deps))
  app.route('/tickets', draftRoutes(deps))
  app.route('/webhooks', webhookRoutes(deps))
  app.route('/customers', customerRoutes(deps))
  app.route('/kb', knowledgeRoutes(deps))
  app.route('/panel', panelRoutes(deps))
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key from `npm run apikey:create`, as `Authorization: Bearer <key>` (or `x-api-key`).',
  })
  app.doc31('/openapi.json', OPENAPI_INFO)
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Support Context API' }))

  const allowed = allowedMethods(app as never)
  app.notFound((c) => {
    const methods = allowed(c.req.path)
    if (methods.length) c.header('allow', methods.join(', '))
    return errorResponse(c, notFoundOrMethodNotAllowed(methods, c.req.method, c.req.path))
  })
  app.onError(handleError)
  return app
}
