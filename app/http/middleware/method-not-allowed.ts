import type { Hono } from 'hono'
import { AppError } from '../../core/errors.ts'

/**
 * Hono answers an unmatched method with 404; a client deserves 405 and the Allow header.
 * Builds matchers from the app's registered routes once, on first use.
 */
export function allowedMethods(app: Hono<never>): (path: string) => string[] {
  let matchers: { pattern: RegExp; method: string }[] | undefined
  return (path) => {
    matchers ??= app.routes
      // Middleware registered for every path of a method (`*`) allows nothing by itself.
      .filter((route) => route.method !== 'ALL' && route.path !== '*')
      .map((route) => ({ method: route.method, pattern: toRegExp(route.path) }))
    return [...new Set(matchers.filter((m) => m.pattern.test(path)).map((m) => m.method))]
  }
}

function toRegExp(routePath: string): RegExp {
  const escaped = routePath
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${escaped}/?$`)
}

export function notFoundOrMethodNotAllowed(
  allowed: string[],
  method: string,
  path: string,
): AppError {
  if (allowed.length === 0)
    return new AppError('not_found', `No route for ${method} ${path.slice(0, 200)}`)
  return new AppError(
    'method_not_allowed',
    `${method} is not allowed here; use ${allowed.join(', ')}`,
  )
}
