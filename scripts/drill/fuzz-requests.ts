import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import type { WebhookVendor } from '../../app/core/tickets/webhooks/types.ts'
import { anyBody, anyText } from './fuzz-values.ts'
import { signWebhook } from './webhook-signing.ts'

/** One operation of the API, from the OpenAPI document (plus the few routes it omits). */
export interface Operation {
  method: string
  /** OpenAPI template: `/tickets/{id}/context`. */
  path: string
  params: { name: string; in: 'path' | 'query' | 'header'; enum?: string[] }[]
  hasBody: boolean
}

export interface FuzzRequest {
  /** The operation this case aims at (`POST /tickets`), for the report. */
  operation: string
  method: string
  /** Path and query, already encoded as sent. */
  path: string
  headers: Record<string, string>
  body?: Uint8Array
}

/** What the generator needs from the target: credentials and references that exist there. */
export interface FuzzContext {
  /** Origin the requests go to (HubSpot signs the full URL). */
  origin: string
  apiKey: string
  /** A ticket reference that exists (`api:FUZZ-BASE`) and a panel token minted for it. */
  ticketRef: string
  panelToken: string
  maxBodyBytes: number
}

export type OpenApiDoc = {
  paths: Record<string, Record<string, { parameters?: OpenApiParam[]; requestBody?: unknown }>>
}
type OpenApiParam = { name: string; in: string; schema?: { enum?: string[] } }

/** Every operation the OpenAPI document declares, plus the panel page it does not. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as OpenApiDoc
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in as Operation['params'][number]['in'],
        enum: p.schema?.enum,
      }))
      operations.push({
        method: method.toUpperCase(),
        path,
        params,
        hasBody: Boolean(op.requestBody),
      })
    }
  }
  operations.push({
    method: 'GET',
    path: '/panel/tickets/{id}',
    params: [
      { name: 'id', in: 'path' },
      { name: 'token', in: 'query' },
    ],
    hasBody: false,
  })
  return operations
}

const FIXTURES = new URL('../../tests/fixtures/webhooks/payloads/', import.meta.url)
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'))

/** Real payloads per vendor, mutated by the fuzzer so it reaches the mapping code. */
const WEBHOOK_BASES: Record<WebhookVendor, unknown[]> = {
  zendesk: [
    fixture('zendesk-ticket.created-event.json'),
    fixture('zendesk-trigger-webhook-our-template.json'),
  ],
  freshdesk: [fixture('freshdesk-ticket_created-webhook.json')],
  intercom: [
    fixture('intercom-conversation.user.created.json'),
    fixture('intercom-ticket.created.json'),
  ],
  jira: [fixture('jira-issue_created-cloud.json'), fixture('jira-issue_created-server.json')],
  hubspot: [fixture('hubspot-ticket.creation.json')],
  helpscout: [fixture('helpscout-convo.created.json')],
}

/** Valid bodies of the API's own routes, by `METHOD path`; other routes get random JSON. */
function apiBases(ctx: FuzzContext): Record<string, unknown[]> {
  const ticket = {
    external_ticket_id: 'FUZZ-1',
    customer_external_id: 'CUST-00002',
    subject: 'I cannot sign in',
    description: 'The reset email never arrives.',
    channel: 'email',
    priority: 'normal',
    metadata: { plan: 'free' },
    created_at: '2026-01-10T10:00:00Z',
  }
  const feedback = [{ chunk_id: 'markdown/help.md#0', verdict: 'helpful', comment: 'ok' }]
  return {
    'POST /tickets': [ticket, { ...ticket, source: 'zendesk', updated_at: '2026-01-11T10:00:00Z' }],
    'POST /tickets/{id}/feedback': [{ agent_id: 'agent-7', feedback }],
    'POST /panel/tickets/{id}/feedback': [{ feedback }],
    'POST /panel/tokens': [{ ticket_id: ctx.ticketRef, agent_id: 'agent-7', ttl_seconds: 60 }],
  }
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----drill',
  'application/xml',
]

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD); `keep` stays as is. */
function percentEncode(value: string, keep = /[A-Za-z0-9._~-]/): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte)
    out +=
      byte < 0x80 && keep.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const encodeSegment = fc.oneof(
  { weight: 4, arbitrary: fc.constant((s: string) => percentEncode(s)) },
  {
    weight: 1,
    arbitrary: fc.constant((s: string) => percentEncode(s, /[A-Za-z0-9._~:@!$&'()*+,;=/-]/)),
  },
  { weight: 1, arbitrary: fc.constant((s: string) => `${percentEncode(s)}%zz%E0%A4%A`) },
)

function pathValue(
  op: Operation,
  name: string,
  enumValues: string[] | undefined,
  ctx: FuzzContext,
) {
  const valid =
    enumValues ?? (name === 'id' ? [ctx.ticketRef, 'api:NO-SUCH-TICKET'] : ['CUST-00002'])
  return fc
    .tuple(
      fc.oneof(
        { weight: enumValues ? 8 : 2, arbitrary: fc.constantFrom(...valid) },
        { weight: 3, arbitrary: anyText },
      ),
      encodeSegment,
    )
    .map(([value, encode]) => (op.path.includes(`{${name}}`) ? encode(value) : ''))
}

function queryString(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query').map((p) => p.name)
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...declared, 'q', 'limit'), anyText),
    fc.oneof(fc.constantFrom('1', '0', '-5', '3.5', '1e400', 'k=v', ctx.panelToken), anyText),
  )
  return fc.oneof(
    fc.array(pair, { maxLength: 4 }).map((pairs) => {
      const query = new URLSearchParams(pairs).toString()
      return query ? `?${query}` : ''
    }),
    fc.constantFrom('', '?%zz=%', '?q', '?&&=&', '?limit=1&limit=2'),
  )
}

function authHeaders(op: Operation, ctx: FuzzContext): fc.Arbitrary<Record<string, string>> {
  const valid = op.path.startsWith('/panel/tickets') ? ctx.panelToken : ctx.apiKey
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ authorization: `Bearer ${valid}` }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${ctx.apiKey}x` }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme-ascii' }).map((k) => ({ 'x-api-key': k })),
    },
  )
}

/** An `x-correlation-id` that is sometimes acceptable (echoed) and sometimes not (replaced). */
const correlationHeader = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', maxLength: 140 })
      .map((id) => ({ 'x-correlation-id': id })),
  },
)

type SignMode = 'valid' | 'tampered' | 'missing' | 'stale'

function webhookHeaders(
  vendor: string,
  body: Uint8Array,
  url: string,
  mode: SignMode,
): Record<string, string> {
  if (!Object.hasOwn(WEBHOOK_BASES, vendor) || mode === 'missing') return {}
  const now = mode === 'stale' ? new Date(Date.now() - 3_600_000) : new Date()
  const headers = signWebhook(vendor as WebhookVendor, body, { url, now })
  if (mode === 'tampered')
    for (const key of Object.keys(headers)) headers[key] = `${headers[key]?.slice(0, -2)}AA`
  return headers
}

/** Requests at one operation: its own method mostly, bad params, queries, bodies, auth. */
export function requestsFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const label = `${op.method} ${op.path}`
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')
  const enums = Object.fromEntries(op.params.map((p) => [p.name, p.enum]))
  const isWebhook = op.path.startsWith('/webhooks/')
  const bases = isWebhook ? Object.values(WEBHOOK_BASES).flat() : (apiBases(ctx)[label] ?? [{}])
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(op.method) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') },
      ),
      params: fc.tuple(...names.map((name) => pathValue(op, name, enums[name], ctx))),
      query: queryString(op, ctx),
      body: anyBody(bases, ctx.maxBodyBytes),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant(CONTENT_TYPES[0] as string) },
        { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      auth: authHeaders(op, ctx),
      correlation: correlationHeader,
      sign: fc.constantFrom<SignMode>(
        'valid',
        'valid',
        'valid',
        'valid',
        'tampered',
        'missing',
        'stale',
      ),
    })
    .map((c) => {
      let path = op.path
      names.forEach((name, i) => {
        path = path.replace(`{${name}}`, c.params[i] || '%20')
      })
      path += c.query
      const withBody = c.method !== 'GET' && c.method !== 'HEAD' && (op.hasBody || isWebhook)
      const headers: Record<string, string> = { ...c.auth, ...c.correlation }
      if (withBody && c.contentType) headers['content-type'] = c.contentType
      if (withBody && isWebhook) {
        const vendor = path.split('/')[2]?.split('?')[0] ?? ''
        Object.assign(headers, webhookHeaders(vendor, c.body, `${ctx.origin}${path}`, c.sign))
      }
      return {
        operation: label,
        method: c.method,
        path,
        headers,
        body: withBody ? c.body : undefined,
      }
    })
}
