import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  BedrockAgentClient,
  ConflictException,
  GetIngestionJobCommand,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent'
import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime'
import { mockClient } from 'aws-sdk-client-mock'
import { createFolderDocumentStore } from '../../app/adapters/document-store/fs.ts'
import { loadConfig } from '../../app/config.ts'
import { createDeps, type Deps } from '../../app/deps.ts'
import {
  createDocumentSyncHandler,
  type S3ObjectEvent,
  type ScheduledSyncEvent,
} from '../../app/entry/lambda/document-sync.ts'
import { createLogger } from '../../app/observability/logger.ts'
import { loadLambdaFixture, recordingObservability } from '../fixtures/lambda/load.ts'
import { documentsFolder } from '../helpers/documents.ts'

/**
 * The config alone selects Bedrock (KNOWLEDGE_BASE_ID): retrieval, syncs from S3 events and
 * drafts go to the Bedrock APIs (mocked: Bedrock cannot run here; the replies are the documented
 * response shapes in tests/fixtures/bedrock), and on S3 Vectors the local keyword index is kept
 * beside it from the same documents.
 */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/bedrock/${name}.json`, import.meta.url), 'utf8'))
/** A recorded ingestion-job body with its dates as the SDK's deserializer gives them. */
function withDates<T extends { ingestionJob: object }>(body: T): T {
  const job = body.ingestionJob as Record<string, unknown>
  for (const field of ['startedAt', 'updatedAt']) job[field] = new Date(job[field] as string)
  return body
}
const MODEL = 'arn:aws:bedrock:eu-west-2::foundation-model/amazon.titan-text-express-v1'

describe('a Bedrock knowledge base selected by the config', () => {
  const runtime = mockClient(BedrockAgentRuntimeClient)
  const agent = mockClient(BedrockAgentClient)
  const folder = documentsFolder()
  const opened: Deps[] = []

  before(() => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test'
  })
  afterEach(() => {
    runtime.reset()
    agent.reset()
  })
  after(async () => {
    for (const deps of opened) await deps.close()
    runtime.restore()
    agent.restore()
    folder.cleanup()
  })

  async function open(env: Record<string, string> = {}, db?: Deps['db']) {
    runtime.on(RetrieveCommand).resolves(fixture('retrieve'))
    runtime.on(RetrieveAndGenerateCommand).resolves(fixture('retrieve-and-generate'))
    agent.on(StartIngestionJobCommand).resolves(withDates(fixture('start-ingestion-job')))
    agent.on(GetIngestionJobCommand).resolves(withDates(fixture('get-ingestion-job-complete')))
    const config = loadConfig({
      DATABASE_URL: 'pglite://memory',
      DOCUMENTS_URL: 's3://support-kb-docs/kb',
      KNOWLEDGE_BASE_ID: 'KBID123456',
      KNOWLEDGE_BASE_DATA_SOURCE_ID: 'DSID123456',
      AWS_REGION: 'eu-west-2',
      KB_WATCH: 'false',
      ...env,
    })
    // The documents the keyword index reads: a folder standing in for the bucket's objects.
    const deps = await createDeps(config, {
      logger: createLogger({ level: 'silent' }),
      documents: createFolderDocumentStore({ root: folder.root }),
      ...(db ? { db } : {}),
    })
    opened.push(deps)
    return deps
  }

  it('on S3 Vectors: one ingestion job for a burst of S3 events, and the keyword index kept', async () => {
    const deps = await open()
    const recorded = recordingObservability()
    const handler = createDocumentSyncHandler({
      deps: async () => deps,
      observability: recorded.observability,
    })
    const event = loadLambdaFixture<S3ObjectEvent>('eventbridge-s3-object-created')
    event.detail.bucket.name = 'support-kb-docs'
    const results = await Promise.all(Array.from({ length: 10 }, () => handler({ ...event })))

    const starts = agent.commandCalls(StartIngestionJobCommand)
    assert.equal(starts.length, 1)
    const started = starts[0]?.args[0].input
    assert.equal(started?.knowledgeBaseId, 'KBID123456')
    assert.equal(started?.dataSourceId, 'DSID123456')
    const jobIds = new Set(results.map((result) => ('jobId' in result ? result.jobId : null)))
    assert.equal(jobIds.size, 1)
    const [jobId] = [...jobIds]
    assert.ok(jobId)
    const record = await deps.knowledgeBase.getSync(jobId)
    assert.equal(record?.trigger, 's3_event')
    assert.equal(record?.externalJobId, 'IJOB123456')
    // The keyword partner read the same documents into PostgreSQL (here PGlite).
    const [chunks] = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_chunks')
    assert.ok((chunks?.n ?? 0) > 0)
  })

  it('the scheduled invocation starts a sync a gone container left waiting on a conflict', async () => {
    const first = await open({ KNOWLEDGE_BASE_VECTOR_STORE: 'opensearch-serverless' })
    agent
      .on(StartIngestionJobCommand)
      .rejectsOnce(new ConflictException({ message: 'busy', $metadata: {} }))
      .resolves(withDates(fixture('start-ingestion-job')))
    const { jobId } = await first.knowledgeBase.startSync('s3_event')
    await first.settleSyncs()
    const [waiting] = await first.knowledgeBase.listSyncs(1)
    assert.equal(waiting?.status, 'QUEUED')
    assert.match(waiting?.error ?? '', /ConflictException/)
    // That container is frozen with its retry timer; a new one gets the schedule's event.
    const second = await open({ KNOWLEDGE_BASE_VECTOR_STORE: 'opensearch-serverless' }, first.db)
    const handler = createDocumentSyncHandler({
      deps: async () => second,
      observability: recordingObservability().observability,
    })
    const scheduled = {
      ...loadLambdaFixture<S3ObjectEvent>('eventbridge-s3-object-created'),
      'detail-type': 'Scheduled Event' as const,
      source: 'aws.events',
      detail: {},
    }
    const result = await handler(scheduled as unknown as ScheduledSyncEvent)
    assert.deepEqual(result, { resumed: { jobId, status: 'QUEUED', coalesced: true } })
    assert.equal(agent.commandCalls(StartIngestionJobCommand).length, 2)
    const [started] = await second.knowledgeBase.listSyncs(1)
    assert.equal(started?.jobId, jobId)
    assert.equal(started?.externalJobId, 'IJOB123456')
    // Nothing waits any more: the next scheduled invocation does nothing.
    assert.deepEqual(await handler(scheduled as unknown as ScheduledSyncEvent), { resumed: null })
  })

  it('on S3 Vectors: retrieval asks Bedrock for SEMANTIC results and fuses our keyword ranking', async () => {
    const deps = await open()
    await deps.knowledgeBase.startSync('manual')
    await deps.settleSyncs()
    const results = await deps.knowledgeBase.retrieve('forgot my password', {
      maxResults: 3,
      minScore: 0,
    })
    const input = runtime.commandCalls(RetrieveCommand)[0]?.args[0].input
    assert.deepEqual(input, {
      knowledgeBaseId: 'KBID123456',
      retrievalQuery: { text: 'forgot my password' },
      retrievalConfiguration: {
        vectorSearchConfiguration: { numberOfResults: 6, overrideSearchType: 'SEMANTIC' },
      },
    })
    assert.ok(results.length > 0 && results.length <= 3)
    // Fused: the password page is ranked by both; keys are relative to the data source prefix.
    assert.ok(results.some((chunk) => chunk.documentKey.endsWith('forgot-your-password._en.md')))
    assert.equal(deps.draftWriter, undefined, 'drafts stay off without DRAFT_MODEL_ARN')
  })

  it('on OpenSearch Serverless: HYBRID search by Bedrock alone, no local index kept', async () => {
    const deps = await open({ KNOWLEDGE_BASE_VECTOR_STORE: 'opensearch-serverless' })
    await deps.knowledgeBase.startSync('manual')
    await deps.settleSyncs()
    await deps.knowledgeBase.retrieve('forgot my password', { maxResults: 3 })
    const search = runtime.commandCalls(RetrieveCommand)[0]?.args[0].input
    assert.deepEqual(search?.retrievalConfiguration?.vectorSearchConfiguration, {
      numberOfResults: 3,
      overrideSearchType: 'HYBRID',
    })
    assert.equal(agent.commandCalls(StartIngestionJobCommand).length, 1)
    const [chunks] = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_chunks')
    assert.equal(chunks?.n, 0)
  })

  it('drafts with RetrieveAndGenerate when DRAFT_MODEL_ARN names a model', async () => {
    const deps = await open({ DRAFT_MODEL_ARN: MODEL })
    assert.ok(deps.draftWriter)
    const draft = await deps.draftWriter.draft({ subject: 'Locked out', description: 'Help' })
    assert.equal(draft.generator, 'bedrock')
    const input = runtime.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input
    assert.equal(
      input?.retrieveAndGenerateConfiguration?.knowledgeBaseConfiguration?.modelArn,
      MODEL,
    )
    assert.equal(
      input?.retrieveAndGenerateConfiguration?.knowledgeBaseConfiguration?.knowledgeBaseId,
      'KBID123456',
    )
  })
})

describe('Bedrock settings are checked together', () => {
  const base = { DOCUMENTS_URL: 's3://support-kb-docs/kb' }
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env)
      return ''
    } catch (error) {
      return (error as Error).message
    }
  }

  it('names each missing or misplaced setting in one line', () => {
    assert.match(
      problem({ ...base, KNOWLEDGE_BASE_ID: 'KBID123456' }),
      /KNOWLEDGE_BASE_DATA_SOURCE_ID: required with KNOWLEDGE_BASE_ID/,
    )
    assert.match(
      problem({ KNOWLEDGE_BASE_ID: 'KBID123456', KNOWLEDGE_BASE_DATA_SOURCE_ID: 'DSID123456' }),
      /DOCUMENTS_URL: must be the knowledge base's s3:\/\/ data source/,
    )
    assert.match(problem({ DRAFT_MODEL_ARN: MODEL }), /DRAFT_MODEL_ARN: needs KNOWLEDGE_BASE_ID/)
    assert.match(
      problem({ KNOWLEDGE_BASE_ID: 'short' }),
      /KNOWLEDGE_BASE_ID: a Bedrock knowledge base id/,
    )
    assert.match(
      problem({ DATABASE_HOST: 'db.internal' }),
      /DATABASE_HOST: only applies with DATABASE_SECRET_ARN/,
    )
  })
})
