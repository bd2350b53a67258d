import { createHash, createHmac } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { defaultProvider } from '@aws-sdk/credential-provider-node'
import { SignatureV4 } from '@smithy/signature-v4'

/**
 * What the stack asks for (an `aws.lambda.Invocation` in infra/vector-store.ts): the vector index
 * Bedrock's knowledge base writes into, inside an OpenSearch Serverless collection. @pulumi/aws
 * cannot make an index (it is an OpenSearch API object), and Bedrock refuses to create the
 * knowledge base until it exists, so `pulumi up` invokes this once, before the knowledge base.
 */
export interface VectorIndexRequest {
  /** The collection endpoint, `https://<id>.<region>.aoss.amazonaws.com`. */
  endpoint: string
  indexName: string
  dimension: number
  vectorField: string
  textField: string
  metadataField: string
}

type SourceData = string | ArrayBuffer | ArrayBufferView

export interface VectorIndexOptions {
  region?: string
  credentials?: ConstructorParameters<typeof SignatureV4>[0]['credentials']
  fetch?: typeof fetch
  /** How long to wait for a new index to become visible (default 60 s). */
  visibleWithinMs?: number
  pollMs?: number
}

/** The mapping Bedrock documents for an OpenSearch Serverless vector index (faiss HNSW). */
export function vectorIndexBody(request: VectorIndexRequest) {
  return {
    settings: { index: { knn: true, 'knn.algo_param.ef_search': 512 } },
    mappings: {
      properties: {
        [request.vectorField]: {
          type: 'knn_vector',
          dimension: request.dimension,
          method: {
            name: 'hnsw',
            engine: 'faiss',
            space_type: 'l2',
            parameters: { ef_construction: 512, m: 16 },
          },
        },
        [request.textField]: { type: 'text' },
        [request.metadataField]: { type: 'text', index: false },
      },
    },
  }
}

/**
 * Creates the index (an existing one is left as it is: the handler is safe to run again) and
 * waits until it answers, signing each request with SigV4 for the `aoss` service.
 */
export function createOpenSearchIndexHandler({
  region = process.env.AWS_REGION ?? 'us-east-1',
  credentials = defaultProvider(),
  fetch: send = fetch,
  visibleWithinMs = 60_000,
  pollMs = 2_000,
}: VectorIndexOptions = {}) {
  const signer = new SignatureV4({ service: 'aoss', region, credentials, sha256: Sha256 })

  async function call(method: 'PUT' | 'HEAD', url: URL, body?: string): Promise<Response> {
    const headers: Record<string, string> = { host: url.host }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers,
      body,
    })
    return send(url, { method, headers: signed.headers as Record<string, string>, body })
  }

  return async (request: VectorIndexRequest): Promise<{ index: string; created: boolean }> => {
    const url = new URL(`/${encodeURIComponent(request.indexName)}`, request.endpoint)
    const put = await call('PUT', url, JSON.stringify(vectorIndexBody(request)))
    const text = await put.text()
    const exists = put.status === 400 && text.includes('resource_already_exists_exception')
    if (!put.ok && !exists)
      throw new Error(`creating index ${request.indexName} failed: ${put.status} ${text}`)
    const deadline = Date.now() + visibleWithinMs
    for (;;) {
      const head = await call('HEAD', url)
      if (head.ok) return { index: request.indexName, created: !exists }
      if (Date.now() >= deadline)
        throw new Error(`index ${request.indexName} not visible after ${visibleWithinMs} ms`)
      await delay(pollMs)
    }
  }
}

/** SHA-256 (and HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class Sha256 {
  readonly #hash: { update(data: string | Uint8Array): unknown; digest(): Buffer }
  constructor(secret?: SourceData) {
    this.#hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256')
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest())
  }
}

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
