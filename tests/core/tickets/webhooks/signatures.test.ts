import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import { verifyHelpScout } from '../../../../app/core/tickets/webhooks/helpscout.ts'
import {
  hubSpotSignatureV1,
  hubSpotSignatureV2,
  hubSpotSignatureV3,
  verifyHubSpot,
} from '../../../../app/core/tickets/webhooks/hubspot.ts'
import { webhookAdapters } from '../../../../app/core/tickets/webhooks/index.ts'
import type { VerifyInput } from '../../../../app/core/tickets/webhooks/types.ts'
import { verifyZendesk, zendeskSignature } from '../../../../app/core/tickets/webhooks/zendesk.ts'
import { fixtureBytes } from './fixtures.ts'

interface Vector {
  id: string
  scheme: string
  secret: string
  method?: string
  uri?: string
  timestamp?: string
  body: string
  header_name: string
  expected_header_value: string
}

const vectors: Vector[] = JSON.parse(
  Buffer.from(fixtureBytes('signatures/vectors.json')).toString('utf8'),
)
const utf8 = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'))

function input(vector: Vector, overrides: Partial<VerifyInput> = {}): VerifyInput {
  const headers: Record<string, string> = { [vector.header_name]: vector.expected_header_value }
  if (vector.scheme === 'hubspot-v3')
    headers['X-HubSpot-Request-Timestamp'] = vector.timestamp ?? ''
  if (vector.scheme === 'zendesk') {
    headers['X-Zendesk-Webhook-Signature-Timestamp'] = vector.timestamp ?? ''
  }
  const signedAt =
    vector.scheme === 'zendesk' ? Date.parse(vector.timestamp ?? '') : Number(vector.timestamp)
  return {
    rawBody: utf8(vector.body),
    headers,
    secret: vector.secret,
    now: new Date(signedAt + 1000),
    method: vector.method ?? 'POST',
    url: vector.uri ?? 'https://example.com/webhooks',
    ...overrides,
  }
}

/** One check per scheme in vectors.json; a scheme without a check fails the suite. */
const CHECKS: Record<string, (vector: Vector) => void> = {
  'hubspot-v1': (v) =>
    assert.equal(
      hubSpotSignatureV1({ secret: v.secret, body: utf8(v.body) }),
      v.expected_header_value,
    ),
  'hubspot-v2': (v) => {
    const request = {
      secret: v.secret,
      method: v.method ?? '',
      uri: v.uri ?? '',
      body: utf8(v.body),
    }
    assert.equal(hubSpotSignatureV2(request), v.expected_header_value)
  },
  'hubspot-v3': (v) => {
    const request = {
      secret: v.secret,
      method: v.method ?? '',
      uri: v.uri ?? '',
      body: utf8(v.body),
    }
    assert.equal(
      hubSpotSignatureV3({ ...request, timestamp: v.timestamp ?? '' }),
      v.expected_header_value,
    )
    assert.deepEqual(verifyHubSpot(input(v)), { ok: true })
  },
  helpscout: (v) => assert.deepEqual(verifyHelpScout(input(v)), { ok: true }),
  // The only Zendesk vector is the superseded BODY+TIMESTAMP example: today's verifier must refuse it.
  zendesk: (v) => {
    const result = verifyZendesk(input(v))
    assert.deepEqual(result, {
      ok: false,
      reason: 'the signature does not match',
      field: 'X-Zendesk-Webhook-Signature',
    })
    const oldOrder = createHmac('sha256', v.secret)
      .update(v.body + v.timestamp)
      .digest('base64')
    assert.equal(oldOrder, v.expected_header_value, 'the vector is valid under the old order')
  },
}

describe('known-answer vectors (tests/fixtures/webhooks/signatures/vectors.json)', () => {
  it('holds the vectors the README lists', () => {
    assert.equal(vectors.length, 11)
  })
  for (const vector of vectors) {
    it(`${vector.id} (${vector.scheme})`, () => {
      const check = CHECKS[vector.scheme]
      assert.ok(check, `no check for scheme ${vector.scheme}`)
      check(vector)
    })
  }
})

const secret = 'whsec-test-secret'
const now = new Date('2025-11-25T12:00:00.000Z')
const body = fixtureBytes('payloads/jira-issue_created-cloud.json')
const url = 'https://support.example.com/webhooks/hubspot'
const hex = (algorithm: string) => createHmac(algorithm, secret).update(body).digest('hex')

/** A correctly signed request per vendor, computed with node:crypto directly from each scheme. */
function signed(vendor: keyof typeof webhookAdapters, bytes: Uint8Array = body): VerifyInput {
  const base = { rawBody: bytes, secret, now, method: 'POST', url }
  const timestamp = now.toISOString().replace('.000', '')
  const ms = String(now.getTime())
  const headers: Record<string, Record<string, string>> = {
    zendesk: {
      'X-Zendesk-Webhook-Signature': createHmac('sha256', secret)
        .update(timestamp)
        .update(body)
        .digest('base64'),
      'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
    },
    hubspot: {
      'X-HubSpot-Signature-v3': createHmac('sha256', secret)
        .update(`POST${url}`)
        .update(body)
        .update(ms)
        .digest('base64'),
      'X-HubSpot-Request-Timestamp': ms,
    },
    intercom: { 'X-Hub-Signature': `sha1=${hex('sha1')}` },
    jira: { 'X-Hub-Signature': `sha256=${hex('sha256')}` },
    helpscout: {
      'X-HelpScout-Signature': createHmac('sha1', secret).update(body).digest('base64'),
    },
    freshdesk: { 'X-Webhook-Secret': secret },
  }
  return { ...base, headers: headers[vendor] ?? {} }
}

const vendors = Object.keys(webhookAdapters) as (keyof typeof webhookAdapters)[]
const signedVendors = vendors.filter((vendor) => vendor !== 'freshdesk')

describe('signature checks per vendor', () => {
  for (const vendor of vendors) {
    const { verify } = webhookAdapters[vendor]

    it(`${vendor}: accepts a correctly signed request`, () => {
      assert.deepEqual(verify(signed(vendor)), { ok: true })
    })

    it(`${vendor}: refuses an empty configured secret`, () => {
      assert.equal(verify({ ...signed(vendor), secret: '' }).ok, false)
    })

    it(`${vendor}: refuses a request without its signature headers`, () => {
      const result = verify({ ...signed(vendor), headers: {} })
      assert.equal(result.ok, false)
      assert.ok(!result.ok && webhookAdapters[vendor].signatureHeaders.includes(result.field ?? ''))
    })

    it(`${vendor}: refuses a wrong-length signature without throwing`, () => {
      const request = signed(vendor)
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          /timestamp/i.test(name) ? value : `${value.slice(0, 10)}`,
        ]),
      )
      const result = verify({ ...request, headers })
      assert.equal(result.ok, false)
      assert.equal(!result.ok && result.field, webhookAdapters[vendor].signatureHeaders[0])
    })

    it(`${vendor}: matches header names case-insensitively`, () => {
      const request = signed(vendor)
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
      )
      assert.deepEqual(verify({ ...request, headers }), { ok: true })
    })
  }

  for (const vendor of signedVendors) {
    it(`${vendor}: refuses the body with one byte changed`, () => {
      const request = signed(vendor)
      const tampered = new Uint8Array(body)
      tampered[100] = (tampered[100] ?? 0) ^ 0x01
      assert.deepEqual(webhookAdapters[vendor].verify({ ...request, rawBody: tampered }), {
        ok: false,
        reason: 'the signature does not match',
        field: webhookAdapters[vendor].signatureHeaders[0],
      })
    })
  }

  it('freshdesk: refuses a wrong shared secret', () => {
    const request = { ...signed('freshdesk'), headers: { 'X-Webhook-Secret': `${secret}x` } }
    assert.deepEqual(webhookAdapters.freshdesk.verify(request), {
      ok: false,
      reason: 'the shared secret does not match',
      field: 'X-Webhook-Secret',
    })
  })

  it('jira: accepts the algorithm named in the header and refuses sha1 and unknown ones', () => {
    const { verify } = webhookAdapters.jira
    const sha512 = { 'X-Hub-Signature': `sha512=${hex('sha512')}` }
    assert.deepEqual(verify({ ...signed('jira'), headers: sha512 }), { ok: true })
    for (const value of [`sha1=${hex('sha1')}`, `md5=${hex('md5')}`, hex('sha256')]) {
      assert.equal(verify({ ...signed('jira'), headers: { 'X-Hub-Signature': value } }).ok, false)
    }
  })

  it('intercom: refuses a sha256 signature (Intercom signs with SHA-1)', () => {
    const headers = { 'X-Hub-Signature': `sha256=${hex('sha256')}` }
    assert.equal(webhookAdapters.intercom.verify({ ...signed('intercom'), headers }).ok, false)
  })
})

describe('timestamp freshness', () => {
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000)

  it('zendesk: refuses a timestamp older than 5 minutes, and one too far ahead', () => {
    const stale = verifyZendesk({ ...signed('zendesk'), now: minutes(5.1) })
    assert.deepEqual(stale, {
      ok: false,
      reason: 'timestamp is older than 300000 ms',
      field: 'X-Zendesk-Webhook-Signature-Timestamp',
    })
    assert.equal(verifyZendesk({ ...signed('zendesk'), now: minutes(-5.1) }).ok, false)
    assert.deepEqual(verifyZendesk({ ...signed('zendesk'), now: minutes(4.9) }), { ok: true })
  })

  it('zendesk: honours a configured window', () => {
    const request = { ...signed('zendesk'), now: minutes(8) }
    assert.deepEqual(verifyZendesk({ ...request, toleranceMs: 10 * 60_000 }), { ok: true })
    assert.equal(verifyZendesk({ ...request, toleranceMs: 60_000, now: minutes(2) }).ok, false)
  })

  it('zendesk: refuses an unreadable timestamp', () => {
    const request = signed('zendesk')
    const headers = { ...request.headers, 'X-Zendesk-Webhook-Signature-Timestamp': 'yesterday' }
    assert.equal(verifyZendesk({ ...request, headers }).ok, false)
  })

  it('hubspot: refuses a vector replayed more than 5 minutes later', () => {
    const vector = vectors.find((v) => v.id === 'hubspot-v3-sdk-python')
    assert.ok(vector)
    const late = new Date(Number(vector.timestamp) + 5 * 60_000 + 1)
    assert.deepEqual(verifyHubSpot(input(vector, { now: late })), {
      ok: false,
      reason: 'timestamp is older than 300000 ms',
      field: 'X-HubSpot-Request-Timestamp',
    })
    assert.equal(verifyHubSpot({ ...signed('hubspot'), now: minutes(5.1) }).ok, false)
  })

  it('hubspot: refuses a timestamp that is not epoch milliseconds', () => {
    const request = signed('hubspot')
    const headers = { ...request.headers, 'X-HubSpot-Request-Timestamp': now.toISOString() }
    assert.equal(verifyHubSpot({ ...request, headers }).ok, false)
  })
})

describe('hubspot v3 request details', () => {
  it('signs the URI with only the documented escapes decoded', () => {
    const raw = 'https://support.example.com/webhooks/hubspot?portal=a%3Ab%40c&q=x%20y'
    const decoded = 'https://support.example.com/webhooks/hubspot?portal=a:b@c&q=x%20y'
    const ms = String(now.getTime())
    const mac = createHmac('sha256', secret).update(`POST${decoded}`).update(body).update(ms)
    const headers = {
      'X-HubSpot-Signature-v3': mac.digest('base64'),
      'X-HubSpot-Request-Timestamp': ms,
    }
    assert.deepEqual(verifyHubSpot({ ...signed('hubspot'), url: raw, headers }), { ok: true })
  })

  it('refuses the same signature for another method or URL', () => {
    assert.equal(verifyHubSpot({ ...signed('hubspot'), method: 'PUT' }).ok, false)
    assert.equal(verifyHubSpot({ ...signed('hubspot'), url: `${url}?x=1` }).ok, false)
  })

  it('computes v1 as a plain SHA-256, not an HMAC', () => {
    const expected = createHash('sha256').update(`${secret}{}`).digest('hex')
    assert.equal(hubSpotSignatureV1({ secret, body: utf8('{}') }), expected)
  })
})

describe('zendesk signature helper', () => {
  it('signs TIMESTAMP + BODY with the secret used as a literal string', () => {
    const vector = vectors.find((v) => v.scheme === 'zendesk')
    assert.ok(vector)
    const signature = zendeskSignature({
      secret: vector.secret,
      timestamp: vector.timestamp ?? '',
      body: utf8(vector.body),
    })
    const expected = createHmac('sha256', vector.secret)
      .update(`${vector.timestamp}${vector.body}`)
      .digest('base64')
    assert.equal(signature, expected)
    assert.notEqual(signature, vector.expected_header_value)
  })
})
