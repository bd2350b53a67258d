import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { checkHealth, databaseProbe } from '../../core/health/check-health.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { HealthSchema } from '../schemas/customer.ts'

const VERSION = process.env.npm_package_version ?? '0.1.0'
const startedAt = Date.now()

const getHealth = createRoute({
  method: 'get',
  path: '/',
  tags: ['operations'],
  summary: 'Liveness and each dependency with its latency; 503 when the database is unreachable',
  security: [],
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'A dependency is down',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
})

export const healthRoutes = (deps: Deps) =>
  new OpenAPIHono<AppEnv>().openapi(getHealth, async (c) => {
    const report = await checkHealth({
      database: { probe: databaseProbe(deps.db), kind: deps.db.kind },
    })
    const body = {
      ...report,
      version: VERSION,
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
    }
    return c.json(body, report.status === 'ok' ? 200 : 503)
  })
