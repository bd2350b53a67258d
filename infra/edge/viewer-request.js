// CloudFront Function (runtime cloudfront-js-2.0), viewer-request event of every behaviour.
// Plain JavaScript on purpose: CloudFront runs this file as it is, and the tests run the same
// text in node:vm (tests/infra/viewer-request.test.ts). No modules, no network, ~1 ms budget.
//
// 1. Refuses a request without credentials (no `authorization`, no `x-api-key`) with the app's
//    401 shape, except on the paths the app itself leaves open (app/http/middleware/auth.ts
//    OPEN_PATHS: they carry a webhook signature or a panel token, or are public). Whether a key
//    is valid is the app's call: the edge only drops what cannot possibly pass.
// 2. Gives every request a correlation id: a valid incoming `x-correlation-id` is kept (same
//    rule as app/http/middleware/correlation.ts), otherwise CloudFront's own request id is used,
//    so the app's logs and CloudFront's access logs share it.
// 3. Passes the viewer's Host on as `x-forwarded-host` (the origin request carries the Function
//    URL's host), so the app can build public links without a PUBLIC_BASE_URL.
// 4. Normalises the cache key of `GET /tickets/{id}/context`: trailing slashes removed and the
//    query string dropped (the route takes none), so `?t=1` cannot split or bust the cache.
//    Paths are not lower-cased: ticket ids are case-sensitive. Other paths are left untouched
//    (webhook signatures may cover the exact URL).

const OPEN_PATHS = [
  /^\/health\/?$/,
  /^\/openapi\.json$/,
  /^\/docs\/?$/,
  /^\/webhooks\//,
  /^\/panel\/tickets\/[^/]+(\/feedback)?\/?$/,
]
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/
const CONTEXT_PATH = /^\/tickets\/[^/]+\/context\/*$/

function headerValue(headers, name) {
  const header = headers[name]
  return header && typeof header.value === 'string' ? header.value.trim() : ''
}

function correlationId(event) {
  const incoming = headerValue(event.request.headers, 'x-correlation-id')
  if (ACCEPTABLE_ID.test(incoming)) return incoming
  // biome-ignore lint/complexity/useOptionalChain: ES5-style for the CloudFront runtime.
  const requestId = ((event.context && event.context.requestId) || '').replace(
    /[^A-Za-z0-9._:-]/g,
    '',
  )
  if (requestId.length >= 8) return `cf-${requestId}`.slice(0, 128)
  return `cf-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
}

function unauthorized(id) {
  return {
    statusCode: 401,
    statusDescription: 'Unauthorized',
    headers: {
      'content-type': { value: 'application/json' },
      'cache-control': { value: 'no-store' },
      'www-authenticate': { value: 'Bearer' },
      'x-correlation-id': { value: id },
    },
    body: {
      encoding: 'text',
      data: JSON.stringify({
        error: {
          code: 'unauthorized',
          message: 'Missing API key: send Authorization: Bearer <key>',
          correlation_id: id,
        },
      }),
    },
  }
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler` by name.
function handler(event) {
  const request = event.request
  const id = correlationId(event)
  request.headers['x-correlation-id'] = { value: id }
  // Only CloudFront may set it (as an origin custom header); never forward a viewer's copy.
  delete request.headers['x-origin-verify']
  // The origin sees the Function URL's host; the app builds public links (panel URLs, the URL a
  // HubSpot signature covers) on the host the viewer called. A viewer's own copy is replaced.
  request.headers['x-forwarded-host'] = { value: headerValue(request.headers, 'host') }

  const open = OPEN_PATHS.some((pattern) => pattern.test(request.uri))
  const credentials =
    headerValue(request.headers, 'authorization') !== '' ||
    headerValue(request.headers, 'x-api-key') !== ''
  if (!open && !credentials) return unauthorized(id)

  if ((request.method === 'GET' || request.method === 'HEAD') && CONTEXT_PATH.test(request.uri)) {
    request.uri = request.uri.replace(/\/+$/, '')
    request.querystring = {}
  }
  return request
}
