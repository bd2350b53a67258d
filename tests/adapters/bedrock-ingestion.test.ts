import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { setTimeout as delay } from 'node:timers/promises'
import {
  BedrockAgentClient,
  ConflictException,
  GetIngestionJobCommand,
  type GetIngestionJobResponse,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent'
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime'
import { mockClient } from 'aws-sdk-client-mock'
import { createBedrockKnowledgeBase } from '../../app/adapters/knowledge-base/bedrock.ts'
import { migrate } from '../../app/adapters/sql/migrate.ts'
import { createPgliteDatabase } from '../../app/adapters/sql/pglite.ts'
import { createSqlSyncAuditTrail } from '../../app/adapters/sync-audit/sql.ts'
import type { SqlDatabase } from '../../app/ports/sql.ts'
import { truncateAll } from '../helpers/databases.ts'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

/** A recorded body with its dates as the SDK's deserializer gives them. */
function job(name: string): GetIngestionJobResponse {
  const body = JSON.parse(
    readFileSync(new URL(`../fixtures/bedrock/${name}.json`, import.meta.url), 'utf8'),
  )
  for (const field of ['startedAt', 'updatedAt'] as const)
    body.ingestionJob[field] = new Date(body.ingestionJob[field])
  return body
}

/** Polls until `check` passes or a second has gone by. */
async function eventually(check: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check()
    } catch (error) {
      if (attempt > 100) throw error
      await delay(10)
    }
  }
}

describe('Bedrock knowledge base: ingestion', () => {
  // One database for the file, emptied per test (a PGlite takes seconds to open).
  let shared: Promise<SqlDatabase> | null = null
  after(async () => (await shared)?.close())

  async function setup({ coalesceWindowMs = 30, retryDelayMs = 20 } = {}) {
    shared ??= createPgliteDatabase().then(async (db) => {
      await migrate(db)
      return db
    })
    const db = await shared
    await truncateAll(db)
    const agent = new BedrockAgentClient({ region: 'us-east-1', credentials })
    const mock = mockClient(agent)
    const kb = createBedrockKnowledgeBase({
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      hybrid: false,
      audit: createSqlSyncAuditTrail({ db }),
      bucketPrefix: 's3://support-kb-docs/kb/',
      runtime: new BedrockAgentRuntimeClient({ region: 'us-east-1', credentials }),
      agent,
      coalesceWindowMs,
      retryDelayMs,
    })
    return { kb, mock, db }
  }

  /** A second process over the same audit trail, with its own Bedrock client that starts jobs. */
  function anotherProcess(db: SqlDatabase) {
    const agent = new BedrockAgentClient({ region: 'us-east-1', credentials })
    const mock = mockClient(agent)
    mock.on(StartIngestionJobCommand).resolves(job('start-ingestion-job'))
    const kb = createBedrockKnowledgeBase({
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      hybrid: false,
      audit: createSqlSyncAuditTrail({ db }),
      runtime: new BedrockAgentRuntimeClient({ region: 'us-east-1', credentials }),
      agent,
      coalesceWindowMs: 5,
    })
    return { kb, mock }
  }

  it('starts one ingestion job for ten requests within the window, all with the same job id', async () => {
    const { kb, mock } = await setup()
    mock.on(StartIngestionJobCommand).resolves(job('start-ingestion-job'))
    mock.on(GetIngestionJobCommand).resolves(job('get-ingestion-job-in-progress'))
    const started = await Promise.all(Array.from({ length: 10 }, () => kb.startSync('s3_event')))
    assert.equal(new Set(started.map((s) => s.jobId)).size, 1)
    assert.deepEqual(
      started.map((s) => s.coalesced),
      [false, ...Array(9).fill(true)],
    )
    const jobId = started[0]?.jobId ?? ''
    assert.match(jobId, /^sync-[0-9a-f-]{36}$/)
    await eventually(async () => assert.equal((await kb.getSync(jobId))?.status, 'IN_PROGRESS'))
    const calls = mock.commandCalls(StartIngestionJobCommand)
    assert.equal(calls.length, 1)
    assert.deepEqual(calls[0]?.args[0].input, {
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      clientToken: `${jobId}-a1`,
      description: `s3_event sync ${jobId}`,
    })
    const record = await kb.getSync(jobId)
    assert.equal(record?.externalJobId, 'IJOB123456')
    assert.equal(record?.counts.added, 2)
  })

  it('keeps a request QUEUED with the reason on ConflictException and starts it on a later retry', async () => {
    const { kb, mock } = await setup()
    const conflict = new ConflictException({
      message: 'An ingestion job is already running',
      $metadata: {},
    })
    mock
      .on(StartIngestionJobCommand)
      .rejectsOnce(conflict)
      .rejectsOnce(conflict)
      .resolves(job('start-ingestion-job'))
    mock.on(GetIngestionJobCommand).resolves(job('get-ingestion-job-in-progress'))
    const { jobId } = await kb.startSync('manual')
    await eventually(async () => {
      const waiting = await kb.getSync(jobId)
      assert.equal(waiting?.status, 'QUEUED')
      assert.match(waiting?.error ?? '', /ConflictException/)
    })
    const joined = await kb.startSync('file_change')
    assert.deepEqual(joined, { jobId, status: 'QUEUED', coalesced: true })
    await eventually(async () => {
      const [listed] = await kb.listSyncs(5)
      assert.equal(listed?.jobId, jobId)
      assert.equal(listed?.status, 'IN_PROGRESS')
      assert.equal(listed?.externalJobId, 'IJOB123456')
      assert.equal(listed?.error, null)
    })
    const tokens = mock
      .commandCalls(StartIngestionJobCommand)
      .map((c) => c.args[0].input.clientToken)
    assert.deepEqual(tokens, [`${jobId}-a1`, `${jobId}-a2`, `${jobId}-a3`])
  })

  it('on the scheduled resume, tries a job waiting out its backoff at once; with none, does nothing', async () => {
    // A backoff far longer than the test: only resumeWaiting can start the job in time.
    const { kb, mock } = await setup({ retryDelayMs: 600_000 })
    assert.equal(await kb.resumeWaiting(), null)
    mock
      .on(StartIngestionJobCommand)
      .rejectsOnce(new ConflictException({ message: 'busy', $metadata: {} }))
      .resolves(job('start-ingestion-job'))
    const { jobId } = await kb.startSync('s3_event')
    await kb.flush()
    assert.match((await kb.getSync(jobId))?.error ?? '', /ConflictException/)
    assert.deepEqual(await kb.resumeWaiting(), { jobId, status: 'QUEUED', coalesced: true })
    await kb.flush()
    const record = (await kb.listSyncs(1))[0]
    assert.equal(record?.externalJobId, 'IJOB123456')
    assert.deepEqual(
      mock.commandCalls(StartIngestionJobCommand).map((c) => c.args[0].input.clientToken),
      [`${jobId}-a1`, `${jobId}-a2`],
    )
  })

  it('adopts a QUEUED record a stopped process left behind instead of leaving it waiting', async () => {
    const first = await setup({ coalesceWindowMs: 60_000 })
    first.mock.on(StartIngestionJobCommand).resolves(job('start-ingestion-job'))
    const { jobId } = await first.kb.startSync('s3_event')
    // The first process is gone before its window ended; another one over the same trail:
    const { kb: second, mock } = anotherProcess(first.db)
    assert.deepEqual(await second.startSync('schedule'), {
      jobId,
      status: 'QUEUED',
      coalesced: true,
    })
    await second.flush()
    assert.deepEqual(
      mock.commandCalls(StartIngestionJobCommand).map((c) => c.args[0].input.clientToken),
      [`${jobId}-a1`],
    )
    const [record] = await second.listSyncs(5)
    assert.equal(record?.jobId, jobId)
    assert.equal(record?.externalJobId, 'IJOB123456')
    assert.equal(first.mock.commandCalls(StartIngestionJobCommand).length, 0)
  })

  it('a process whose waiting job was taken up elsewhere meanwhile neither starts it again nor overwrites it', async () => {
    // Process A meets a conflict and waits out a backoff far longer than the test (a Lambda
    // container frozen in its wait); process B, over the same trail, adopts and starts the job.
    const first = await setup({ retryDelayMs: 600_000 })
    first.mock
      .on(StartIngestionJobCommand)
      .rejectsOnce(new ConflictException({ message: 'busy', $metadata: {} }))
      .resolves(job('start-ingestion-job'))
    first.mock.on(GetIngestionJobCommand).resolves(job('get-ingestion-job-in-progress'))
    const { jobId } = await first.kb.startSync('s3_event')
    await first.kb.flush()
    const { kb: second, mock } = anotherProcess(first.db)
    assert.deepEqual(await second.resumeWaiting(), { jobId, status: 'QUEUED', coalesced: true })
    await second.flush()
    assert.equal(mock.commandCalls(StartIngestionJobCommand).length, 1)
    // A thaws: its own job is due (the scheduled resume reaches it first).
    assert.deepEqual(await first.kb.resumeWaiting(), { jobId, status: 'QUEUED', coalesced: true })
    await first.kb.flush()
    assert.equal(first.mock.commandCalls(StartIngestionJobCommand).length, 1)
    const record = await first.kb.getSync(jobId)
    assert.equal(record?.status, 'IN_PROGRESS')
    assert.equal(record?.externalJobId, 'IJOB123456')
    // A holds nothing any more: its next request opens a new job instead of joining the old one.
    const next = await first.kb.startSync('manual')
    assert.notEqual(next.jobId, jobId)
  })

  it('flush resolves once the requested job has been offered to Bedrock', async () => {
    const { kb, mock } = await setup({ coalesceWindowMs: 50 })
    mock.on(StartIngestionJobCommand).resolves(job('start-ingestion-job'))
    mock.on(GetIngestionJobCommand).resolves(job('get-ingestion-job-in-progress'))
    const { jobId } = await kb.startSync('s3_event')
    await kb.flush()
    assert.equal(mock.commandCalls(StartIngestionJobCommand).length, 1)
    assert.equal((await kb.listSyncs(1))[0]?.externalJobId, 'IJOB123456')
    assert.equal((await kb.getSync(jobId))?.status, 'IN_PROGRESS')
  })

  it('records FAILED with the reason when Bedrock refuses for another cause', async () => {
    const { kb, mock } = await setup()
    mock.on(StartIngestionJobCommand).rejects(new Error('AccessDeniedException: not allowed'))
    const { jobId } = await kb.startSync('manual')
    await eventually(async () => {
      const record = await kb.getSync(jobId)
      assert.equal(record?.status, 'FAILED')
      assert.match(record?.error ?? '', /not allowed/)
      assert.ok(record?.finishedAt)
    })
  })

  for (const [fixture, expected] of [
    [
      'get-ingestion-job-complete',
      {
        status: 'SUCCEEDED',
        counts: {
          scanned: 12,
          added: 3,
          updated: 2,
          deleted: 1,
          unchanged: 7,
          skipped: 0,
          failed: 0,
          chunks: 0,
        },
        failures: [],
        error: null,
      },
    ],
    [
      'get-ingestion-job-partial',
      {
        status: 'PARTIAL',
        counts: {
          scanned: 12,
          added: 3,
          updated: 2,
          deleted: 0,
          unchanged: 6,
          skipped: 0,
          failed: 1,
          chunks: 0,
        },
        failures: [
          {
            documentKey: 'pdf/broken.pdf',
            reason:
              'Encountered error: The file s3://support-kb-docs/kb/pdf/broken.pdf could not be parsed. [Files: s3://support-kb-docs/kb/pdf/broken.pdf]',
          },
        ],
        error: null,
      },
    ],
    [
      'get-ingestion-job-failed',
      {
        status: 'FAILED',
        counts: {
          scanned: 0,
          added: 0,
          updated: 0,
          deleted: 0,
          unchanged: 0,
          skipped: 0,
          failed: 0,
          chunks: 0,
        },
        failures: [
          {
            documentKey: '',
            reason:
              'Access denied: the knowledge base service role cannot read s3://support-kb-docs/kb/',
          },
        ],
        error:
          'Access denied: the knowledge base service role cannot read s3://support-kb-docs/kb/',
      },
    ],
  ] as const) {
    it(`maps GetIngestionJob ${fixture.replace('get-ingestion-job-', '')} onto the audit record and saves it`, async () => {
      const { kb, mock } = await setup()
      mock.on(StartIngestionJobCommand).resolves(job('start-ingestion-job'))
      const { jobId } = await kb.startSync('schedule')
      await eventually(async () => assert.equal((await kb.listSyncs(1))[0]?.status, 'IN_PROGRESS'))
      mock.on(GetIngestionJobCommand).resolves(job(fixture))
      const record = await kb.getSync(jobId)
      assert.deepEqual(
        {
          status: record?.status,
          counts: record?.counts,
          failures: record?.failures,
          error: record?.error,
        },
        expected,
      )
      assert.deepEqual(record?.startedAt, new Date('2026-06-01T12:00:01.000Z'))
      assert.ok(record?.finishedAt)
      assert.deepEqual(mock.commandCalls(GetIngestionJobCommand)[0]?.args[0].input, {
        knowledgeBaseId: 'KBID123456',
        dataSourceId: 'DSID123456',
        ingestionJobId: 'IJOB123456',
      })
      assert.deepEqual((await kb.listSyncs(1))[0], record, 'saved')
      await kb.getSync(jobId)
      assert.equal(
        mock.commandCalls(GetIngestionJobCommand).length,
        1,
        'a final record is not refreshed',
      )
    })
  }
})
