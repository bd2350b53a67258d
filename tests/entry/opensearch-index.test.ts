import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import {
  createOpenSearchIndexHandler,
  type VectorIndexRequest,
} from '../../app/entry/lambda/opensearch-index.ts'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/**
 * A real HTTP server standing in for the collection endpoint (OpenSearch Serverless cannot run
 * here): it records each request and answers as the OpenSearch API does.
 */
describe('the OpenSearch vector index handler', () => {
  const seen: Seen[] = []
  let existing = false
  let headsUntilVisible = 0
  let endpoint = ''
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    if (req.method === 'PUT') {
      if (existing) {
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end('{"error":{"type":"resource_already_exists_exception"},"status":400}')
        return
      }
      existing = true
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"acknowledged":true}')
      return
    }
    res.writeHead(headsUntilVisible-- > 0 ? 404 : 200)
    res.end()
  })
  before(async () => {
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => server.close())

  const request = (): VectorIndexRequest => ({
    endpoint,
    indexName: 'bedrock-knowledge-base-default-index',
    dimension: 1024,
    vectorField: 'bedrock-knowledge-base-default-vector',
    textField: 'AMAZON_BEDROCK_TEXT_CHUNK',
    metadataField: 'AMAZON_BEDROCK_METADATA',
  })
  const handler = createOpenSearchIndexHandler({
    region: 'eu-west-2',
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
    pollMs: 5,
  })

  it('creates the index with Bedrock’s mapping, SigV4-signed for aoss, and waits until it answers', async () => {
    headsUntilVisible = 2
    assert.deepEqual(await handler(request()), {
      index: 'bedrock-knowledge-base-default-index',
      created: true,
    })
    const [put, ...heads] = seen
    assert.equal(put?.method, 'PUT')
    assert.equal(put?.url, '/bedrock-knowledge-base-default-index')
    assert.match(
      String(put?.headers.authorization),
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/aoss\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    )
    assert.match(String(put?.headers['x-amz-date']), /^\d{8}T\d{6}Z$/)
    const body = JSON.parse(put?.body ?? '{}')
    assert.equal(body.settings.index.knn, true)
    assert.deepEqual(body.mappings.properties['bedrock-knowledge-base-default-vector'], {
      type: 'knn_vector',
      dimension: 1024,
      method: {
        name: 'hnsw',
        engine: 'faiss',
        space_type: 'l2',
        parameters: { ef_construction: 512, m: 16 },
      },
    })
    assert.deepEqual(body.mappings.properties.AMAZON_BEDROCK_METADATA, {
      type: 'text',
      index: false,
    })
    assert.deepEqual(
      heads.map((h) => h.method),
      ['HEAD', 'HEAD', 'HEAD'],
    )
    assert.ok(heads.every((h) => String(h.headers.authorization).startsWith('AWS4-HMAC-SHA256')))
  })

  it('leaves an existing index as it is (safe to run on every pulumi up)', async () => {
    seen.length = 0
    assert.deepEqual(await handler(request()), {
      index: 'bedrock-knowledge-base-default-index',
      created: false,
    })
    assert.deepEqual(
      seen.map((s) => s.method),
      ['PUT', 'HEAD'],
    )
  })

  it('fails with the answer when the collection refuses', async () => {
    const refusing = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end('{"status":403,"message":"no permissions for [indices:admin/create]"}')
    })
    refusing.listen(0, '127.0.0.1')
    await once(refusing, 'listening')
    try {
      const port = (refusing.address() as AddressInfo).port
      await assert.rejects(
        handler({ ...request(), endpoint: `http://127.0.0.1:${port}` }),
        /creating index bedrock-knowledge-base-default-index failed: 403 .*no permissions/,
      )
    } finally {
      refusing.close()
    }
  })
})
