import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import vm from 'node:vm'
import { OPEN_PATHS as APP_OPEN_PATHS } from '../../app/http/middleware/auth.ts'

// The CloudFront Function's own file, run as CloudFront runs it: a script defining a top-level
// `handler(event)`, in a fresh context without Node's globals (no require, no process).
const code = readFileSync(new URL('../../infra/edge/viewer-request.js', import.meta.url), 'utf8')
const handler = new vm.Script(`${code}\nhandler`).runInNewContext({}) as (event: unknown) => Json

// biome-ignore lint/suspicious/noExplicitAny: the function returns plain event JSON.
type Json = any

/** A viewer-request event as CloudFront builds it (AWS docs, "CloudFront Functions event structure"). */
function viewerRequest({
  method = 'GET',
  uri,
  headers = {},
  querystring = {},
}: {
  method?: string
  uri: string
  headers?: Record<string, string>
  querystring?: Record<string, string>
}) {
  const wrap = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]))
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: 'EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE==',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method,
      uri,
      querystring: wrap(querystring),
      headers: wrap({ host: 'd111111abcdef8.cloudfront.net', ...headers }),
      cookies: {},
    },
  }
}

const withKey = { authorization: 'Bearer sk_live_example' }

describe('the viewer-request CloudFront Function', () => {
  it('answers 401 in the app’s error shape when a request has no credentials', () => {
    const response = handler(viewerRequest({ method: 'POST', uri: '/tickets' }))
    assert.equal(response.statusCode, 401)
    assert.equal(response.headers['content-type'].value, 'application/json')
    assert.equal(response.headers['cache-control'].value, 'no-store')
    const body = JSON.parse(response.body.data)
    assert.equal(response.body.encoding, 'text')
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'correlation_id', 'message'])
    assert.equal(body.error.code, 'unauthorized')
    assert.equal(body.error.correlation_id, response.headers['x-correlation-id'].value)
  })

  it('treats empty credential headers as none', () => {
    const event = viewerRequest({
      uri: '/tickets/T-1/context',
      headers: { authorization: ' ', 'x-api-key': '' },
    })
    assert.equal(handler(event).statusCode, 401)
  })

  it('lets a request with either credential through to the app, which judges the key', () => {
    for (const headers of [withKey, { 'x-api-key': 'sk_live_example' }]) {
      const request = handler(viewerRequest({ method: 'POST', uri: '/tickets', headers }))
      assert.equal(request.statusCode, undefined)
      assert.equal(request.uri, '/tickets')
    }
  })

  it('keeps open exactly the paths the app keeps open (the two lists cannot share code)', () => {
    const edgeOpenPaths = new vm.Script(`${code}\nOPEN_PATHS`).runInNewContext({}) as RegExp[]
    assert.deepEqual(
      // Array.from: the function's array comes from another realm (vm context).
      Array.from(edgeOpenPaths, (pattern) => pattern.source),
      APP_OPEN_PATHS.map((pattern) => pattern.source),
    )
  })

  it('leaves the paths the app keeps open to it', () => {
    const open = [
      '/health',
      '/health/',
      '/openapi.json',
      '/docs',
      '/webhooks/zendesk',
      '/panel/tickets/T-1',
      '/panel/tickets/T-1/feedback',
    ]
    for (const uri of open) assert.equal(handler(viewerRequest({ uri })).statusCode, undefined, uri)
    for (const uri of ['/', '/kb/search', '/panel/tokens', '/healthz', '/docs/x'])
      assert.equal(handler(viewerRequest({ uri })).statusCode, 401, uri)
  })

  it('adds a correlation id from CloudFront’s request id when the caller sent none', () => {
    const request = handler(viewerRequest({ uri: '/tickets', method: 'POST', headers: withKey }))
    const id = request.headers['x-correlation-id'].value
    assert.equal(id, 'cf-EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE')
    // The app's rule (app/http/middleware/correlation.ts): it keeps this id rather than replacing it.
    assert.match(id, /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/)
  })

  it('keeps a valid incoming correlation id and replaces an unusable one', () => {
    const kept = handler(
      viewerRequest({
        uri: '/tickets',
        headers: { ...withKey, 'x-correlation-id': 'zendesk-4711-abc' },
      }),
    )
    assert.equal(kept.headers['x-correlation-id'].value, 'zendesk-4711-abc')
    const replaced = handler(
      viewerRequest({
        uri: '/tickets',
        headers: { ...withKey, 'x-correlation-id': 'bad id<script>' },
      }),
    )
    assert.match(replaced.headers['x-correlation-id'].value, /^cf-EXAMPLE/)
  })

  it('never forwards a viewer’s own x-origin-verify header', () => {
    const request = handler(
      viewerRequest({ uri: '/tickets', headers: { ...withKey, 'x-origin-verify': 'guess' } }),
    )
    assert.equal(request.headers['x-origin-verify'], undefined)
  })

  it('passes the host the viewer called as x-forwarded-host, replacing a viewer’s own', () => {
    const request = handler(
      viewerRequest({
        method: 'POST',
        uri: '/panel/tokens',
        headers: { ...withKey, 'x-forwarded-host': 'evil.example' },
      }),
    )
    assert.equal(request.headers['x-forwarded-host'].value, 'd111111abcdef8.cloudfront.net')
  })

  it('normalises the cache key of a context read: no trailing slash, no query string', () => {
    const request = handler(
      viewerRequest({
        uri: '/tickets/T-Abc/context/',
        headers: withKey,
        querystring: { t: '1', utm: 'x' },
      }),
    )
    assert.equal(request.uri, '/tickets/T-Abc/context', 'case kept: ticket ids are case-sensitive')
    // An object of the function's own realm (vm context): compare its keys, not its prototype.
    assert.deepEqual(Object.keys(request.querystring), [])
    assert.equal(request.headers.authorization.value, 'Bearer sk_live_example')
  })

  it('leaves other requests’ paths and query strings as they came (signatures may cover them)', () => {
    const webhook = handler(
      viewerRequest({ method: 'POST', uri: '/webhooks/hubspot/', querystring: { portal: '7' } }),
    )
    assert.equal(webhook.uri, '/webhooks/hubspot/')
    assert.deepEqual(webhook.querystring, { portal: { value: '7' } })
    const panel = handler(
      viewerRequest({ uri: '/panel/tickets/T-1', querystring: { token: 'tok' } }),
    )
    assert.deepEqual(panel.querystring, { token: { value: 'tok' } })
    const feedback = handler(
      viewerRequest({
        method: 'POST',
        uri: '/tickets/T-1/context/',
        headers: withKey,
        querystring: { a: '1' },
      }),
    )
    assert.equal(feedback.uri, '/tickets/T-1/context/', 'only GET and HEAD are cache reads')
  })
})
