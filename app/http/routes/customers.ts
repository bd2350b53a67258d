import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { errorResponses } from '../schemas/common.ts'
import { CustomerContextSchema, ExternalIdParam } from '../schemas/customer.ts'
import { validationHook } from '../validation.ts'

const getContext = createRoute({
  method: 'get',
  path: '/{external_id}/context',
  tags: ['customers'],
  summary: 'The customer 360: profile, orders, interactions, churn risk',
  description:
    'Served from an in-process cache for CONTEXT_CACHE_TTL_SECONDS; `x-cache` says hit or miss.',
  request: { params: ExternalIdParam },
  responses: {
    200: {
      description: 'The customer context',
      headers: { 'x-cache': { schema: { type: 'string', enum: ['hit', 'miss'] } } },
      content: { 'application/json': { schema: CustomerContextSchema } },
    },
    ...errorResponses(400, 404),
  },
})

export const customerRoutes = (deps: Deps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getContext, async (c) => {
    const { external_id } = c.req.valid('param')
    const { context, cacheHit } = await deps.customerContexts.get(external_id)
    if (cacheHit) c.get('logger').debug('customer context cache hit', { route: c.req.routePath })
    c.header('x-cache', cacheHit ? 'hit' : 'miss')
    return c.json(context, 200)
  })
