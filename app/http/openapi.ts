import type { OpenAPIHono, OpenAPIObjectConfigure } from '@hono/zod-openapi'
import type { Deps } from '../deps.ts'
import type { AppEnv } from './env.ts'

export const OPENAPI_INFO: Extract<OpenAPIObjectConfigure<AppEnv, string>, { openapi: string }> = {
  openapi: '3.1.0',
  info: {
    title: 'Support Context API',
    version: '0.1.0',
    description:
      'Customer 360 and knowledge-base suggestions for helpdesk tickets. Every response carries ' +
      '`x-correlation-id`; every error has the shape `{ error: { code, message, details?, correlation_id } }`.',
  },
  security: [{ apiKey: [] }],
  servers: [{ url: 'http://localhost:3000', description: 'embedded (npm start)' }],
}

/** The OpenAPI 3.1 document generated from the routes' zod schemas. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(OPENAPI_INFO)
}

/**
 * The document without a running system: route factories read their dependencies only while
 * handling a request, so building the app over config and a silent logger is enough.
 */
export async function buildOpenApiDocument() {
  const [{ createApp }, { loadConfig }, { createLogger }] = await Promise.all([
    import('./app.ts'),
    import('../config.ts'),
    import('../observability/logger.ts'),
  ])
  const deps = { config: loadConfig({}), logger: createLogger({ level: 'silent' }) } as Deps
  return openApiDocument(createApp(deps))
}
