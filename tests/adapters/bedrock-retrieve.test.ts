import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import {
  BedrockAgentRuntimeClient,
  RetrieveCommand,
  type RetrieveResponse,
} from '@aws-sdk/client-bedrock-agent-runtime'
import { mockClient } from 'aws-sdk-client-mock'
import { createBedrockKnowledgeBase } from '../../app/adapters/knowledge-base/bedrock.ts'
import type { KnowledgeBase, RetrievedChunk } from '../../app/ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../app/ports/sync-audit.ts'

const FIXTURES = new URL('../fixtures/bedrock/', import.meta.url)
const RETRIEVED: RetrieveResponse = JSON.parse(
  readFileSync(new URL('retrieve.json', FIXTURES), 'utf8'),
)
const BASE = 's3://support-kb-docs/kb/'
const FORGOT = 'markdown/login-gov-help/trouble-signing-in/forgot-your-password._en.md'
const CHANGE = 'markdown/login-gov-help/manage-your-account/change-your-password._en.md'
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const noAudit = {} as SyncAuditTrail

const chunk = (documentKey: string, score: number, ordinal = 0): RetrievedChunk => ({
  chunkId: `${documentKey}#${ordinal}`,
  text: `our own chunk of ${documentKey}`,
  score,
  documentKey,
  title: documentKey,
  location: {},
  metadata: {},
})

function setup({ hybrid = false, keyword = [] as RetrievedChunk[] } = {}) {
  const runtime = new BedrockAgentRuntimeClient({ region: 'us-east-1', credentials })
  const mock = mockClient(runtime)
  mock.on(RetrieveCommand).resolves(RETRIEVED)
  const keywordCalls: unknown[][] = []
  const kb = createBedrockKnowledgeBase({
    knowledgeBaseId: 'KBID123456',
    dataSourceId: 'DSID123456',
    hybrid,
    audit: noAudit,
    bucketPrefix: 's3://support-kb-docs/kb',
    keyword: {
      retrieve: async (...args) => {
        keywordCalls.push(args)
        return keyword
      },
    },
    runtime,
    agent: new BedrockAgentClient({ region: 'us-east-1', credentials }),
  })
  const sent = () => mock.commandCalls(RetrieveCommand).map((call) => call.args[0].input)
  return { kb, sent, keywordCalls }
}

/** What the KnowledgeBase port promises of every adapter's retrieve. */
async function assertRetrievalContract(kb: KnowledgeBase) {
  for (const [maxResults, minScore] of [
    [1, 0],
    [3, 0.5],
    [10, 0],
    [10, 0.6],
  ] as const) {
    const results = await kb.retrieve('I forgot my password', { maxResults, minScore })
    assert.ok(results.length <= maxResults, `at most ${maxResults}`)
    for (const [i, result] of results.entries()) {
      assert.ok(result.score >= minScore && result.score <= 1, `score ${result.score} in range`)
      if (i > 0) assert.ok(result.score <= (results[i - 1]?.score ?? 1), 'highest score first')
    }
  }
}

describe('Bedrock knowledge base: retrieve', () => {
  it('fuses Bedrock semantic ranking with our keyword ranking by RRF: what both rank high comes first', async () => {
    const { kb, sent, keywordCalls } = setup({
      keyword: [chunk(CHANGE, 0.82), chunk('txt/returns-policy.txt', 0.6), chunk(FORGOT, 0.55)],
    })
    const results = await kb.retrieve('I forgot my password', { maxResults: 3, minScore: 0.5 })
    // RRF (k=60): change = 1/62 + 1/61, forgot = 1/61 + 1/63, returns = 1/62, handbook = 1/63.
    assert.deepEqual(
      results.map((r) => [r.documentKey, r.score]),
      [
        [CHANGE, 0.82],
        [FORGOT, 0.7141],
        ['txt/returns-policy.txt', 0.6],
      ],
    )
    assert.equal(results[0]?.chunkId, '1%3A0%3AR3Vw8ZEBm3-aWWQmSkVL', "Bedrock's passage is shown")
    assert.deepEqual(sent(), [
      {
        knowledgeBaseId: 'KBID123456',
        retrievalQuery: { text: 'I forgot my password' },
        retrievalConfiguration: {
          vectorSearchConfiguration: { numberOfResults: 6, overrideSearchType: 'SEMANTIC' },
        },
      },
    ])
    assert.deepEqual(keywordCalls, [
      ['I forgot my password', { maxResults: 6, minScore: 0, filters: undefined }],
    ])
  })

  it('sends HYBRID and leaves the keyword partner alone when the vector store searches hybrid', async () => {
    const { kb, sent, keywordCalls } = setup({ hybrid: true, keyword: [chunk(CHANGE, 0.99)] })
    const results = await kb.retrieve('I forgot my password', { maxResults: 2 })
    assert.deepEqual(
      results.map((r) => r.documentKey),
      [FORGOT, CHANGE],
    )
    assert.deepEqual(sent()[0]?.retrievalConfiguration, {
      vectorSearchConfiguration: { numberOfResults: 2, overrideSearchType: 'HYBRID' },
    })
    assert.equal(keywordCalls.length, 0)
  })

  it('maps a prefix and two metadata pairs to andAll of startsWith on the source URI and equals', async () => {
    const { kb, sent, keywordCalls } = setup({ hybrid: true })
    await kb.retrieve('password', {
      filters: { prefix: 'markdown/', metadata: { category: 'account', product: 'login' } },
    })
    assert.deepEqual(sent()[0]?.retrievalConfiguration?.vectorSearchConfiguration?.filter, {
      andAll: [
        { startsWith: { key: 'x-amz-bedrock-kb-source-uri', value: `${BASE}markdown/` } },
        { equals: { key: 'category', value: 'account' } },
        { equals: { key: 'product', value: 'login' } },
      ],
    })
    assert.equal(keywordCalls.length, 0)
  })

  it('sends a single filter bare (andAll needs two) and passes the filters to the keyword partner', async () => {
    const { kb, sent, keywordCalls } = setup()
    const filters = { metadata: { category: 'account' } }
    await kb.retrieve('password', { filters })
    assert.deepEqual(sent()[0]?.retrievalConfiguration?.vectorSearchConfiguration?.filter, {
      equals: { key: 'category', value: 'account' },
    })
    assert.deepEqual(keywordCalls[0]?.[1], { maxResults: 6, minScore: 0, filters })
  })

  it('maps scores to 0..1 and drops what falls below minScore after the mapping', async () => {
    const { kb } = setup({ hybrid: true })
    const all = await kb.retrieve('password', { maxResults: 10, minScore: 0 })
    assert.deepEqual(
      all.map((r) => r.score),
      [0.7141, 0.6427, 0.5812, 0.4105],
    )
    const kept = await kb.retrieve('password', { maxResults: 10, minScore: 0.6 })
    assert.deepEqual(
      kept.map((r) => r.documentKey),
      [FORGOT, CHANGE],
    )
  })

  it('maps results to chunks: key relative to the bucket prefix, Bedrock ids, title, page, metadata', async () => {
    const { kb } = setup({ hybrid: true })
    const [forgot, , handbook] = await kb.retrieve('password', { maxResults: 10, minScore: 0 })
    assert.deepEqual(forgot, {
      chunkId: '1%3A0%3AQ3Vw8ZEBm3-aWWQmSkVK',
      text: RETRIEVED.retrievalResults?.[0]?.content?.text,
      score: 0.7141,
      documentKey: FORGOT,
      title: 'Forgot your password',
      location: {},
      metadata: { category: 'account', product: 'login', title: 'Forgot your password' },
    })
    assert.equal(handbook?.documentKey, 'pdf/covidqa-annotation-tool-handbook.pdf')
    assert.equal(handbook?.title, 'covidqa-annotation-tool-handbook.pdf')
    assert.deepEqual(handbook?.location, { page: 3 })
    assert.deepEqual(handbook?.metadata, {})
  })

  it('answers with Bedrock alone when our keyword search fails, reporting the error', async () => {
    const runtime = new BedrockAgentRuntimeClient({ region: 'us-east-1', credentials })
    mockClient(runtime).on(RetrieveCommand).resolves(RETRIEVED)
    const errors: unknown[] = []
    const kb = createBedrockKnowledgeBase({
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      hybrid: false,
      audit: noAudit,
      keyword: { retrieve: () => Promise.reject(new Error('database down')) },
      runtime,
      agent: new BedrockAgentClient({ region: 'us-east-1', credentials }),
      onError: (error) => errors.push(error),
    })
    const results = await kb.retrieve('password', { maxResults: 2 })
    assert.deepEqual(
      results.map((r) => r.score),
      [0.7141, 0.6427],
    )
    assert.match(String(errors[0]), /database down/)
  })

  it('keeps the port promises (at most maxResults, none below minScore, best first) in both modes', async () => {
    await assertRetrievalContract(setup({ hybrid: true }).kb)
    await assertRetrievalContract(
      setup({ keyword: [chunk(CHANGE, 0.82), chunk(FORGOT, 0.3), chunk('csv/x.csv', 0.9)] }).kb,
    )
  })
})
