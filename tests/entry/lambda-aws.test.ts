import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs'
import type { LambdaFunctionURLEvent, SQSEvent } from 'aws-lambda'
import { SYNC_AUDIT_INDEX } from '../../app/adapters/sync-audit/dynamodb.ts'
import { loadConfig } from '../../app/config.ts'
import { createApiKey } from '../../app/core/auth/api-keys.ts'
import { findTicket } from '../../app/core/tickets/ticket-store.ts'
import { createDeps, type Deps } from '../../app/deps.ts'
import {
  createDocumentSyncHandler,
  type S3ObjectEvent,
} from '../../app/entry/lambda/document-sync.ts'
import { createHttpHandler } from '../../app/entry/lambda/http.ts'
import { createOutboxRelayHandler } from '../../app/entry/lambda/outbox-relay.ts'
import { createTicketWorkerHandler } from '../../app/entry/lambda/ticket-worker.ts'
import { seedDatabase } from '../../app/seed/seed-database.ts'
import { loadLambdaFixture, recordingObservability } from '../fixtures/lambda/load.ts'
import {
  createBucket,
  createQueuePair,
  createTable,
  describeWithMoto,
  s3Client,
  useMoto,
} from '../helpers/moto.ts'
import { ticketRequest } from '../helpers/tickets.ts'

describeWithMoto('Lambda handlers over the AWS adapters the config selects', () => {
  const moto = useMoto()
  const recorded = recordingObservability()
  const handlers = { deps: async () => deps, observability: recorded.observability }
  let deps: Deps
  let bucket: string
  let queueUrl: string
  let apiKey: string
  let interactionsTable: string

  before(async () => {
    // The SDK's default credential chain reads these; moto accepts any.
    process.env.AWS_ACCESS_KEY_ID ??= 'test'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test'
    bucket = await createBucket(moto)
    const queues = await createQueuePair(moto)
    queueUrl = queues.queueUrl
    interactionsTable = await createTable(moto, { hash: 'customer_id', range: 'timestamp' })
    const audit = await createTable(moto, { hash: 'job_id', index: SYNC_AUDIT_INDEX })
    const config = loadConfig({
      DATABASE_URL: 'pglite://memory',
      QUEUE_URL: queueUrl,
      DEAD_LETTER_QUEUE_URL: queues.deadLetterQueueUrl,
      DOCUMENTS_URL: `s3://${bucket}/kb`,
      INTERACTIONS_TABLE: `dynamodb://${interactionsTable}`,
      SYNC_AUDIT_TABLE: `dynamodb://${audit}`,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: moto.endpoint,
      LOG_LEVEL: 'debug',
      KB_WATCH: 'false',
    })
    deps = await createDeps(config, { logger: recorded.observability.logger })
    await seedDatabase({ db: deps.db, interactions: deps.interactions, customers: 3 })
    apiKey = (await createApiKey(deps.db, { name: 'lambda', ratePerMinute: 1000, burst: 100 })).key
  })
  after(() => deps?.close())

  it('carries the correlation id from the HTTP request through SQS to the worker logs', async () => {
    const post = loadLambdaFixture<LambdaFunctionURLEvent>('function-url-post-tickets')
    post.headers.authorization = `Bearer ${apiKey}`
    post.body = JSON.stringify(ticketRequest({ external_ticket_id: 'AWS-1' }))
    const response = await createHttpHandler(handlers)(post)
    assert.equal(response.statusCode, 202, response.body)
    const ticketId = (JSON.parse(response.body) as { ticket_id: string }).ticket_id

    const { Messages = [] } = await new SQSClient(moto.config).send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['All'] }),
    )
    const [message] = Messages
    const event = loadLambdaFixture<SQSEvent>('sqs-batch')
    const record = event.Records[0]
    assert.ok(message && record)
    Object.assign(record, { messageId: message.MessageId, body: message.Body })
    record.receiptHandle = message.ReceiptHandle ?? ''
    record.attributes.ApproximateReceiveCount = message.Attributes?.ApproximateReceiveCount ?? '1'

    const result = await createTicketWorkerHandler(handlers)({ Records: [record] })
    assert.deepEqual(result.batchItemFailures, [])
    assert.equal((await findTicket(deps.db, ticketId))?.status, 'ready')
    const ready = recorded.logs.find((line) => line.message === 'ticket ready')
    assert.equal(ready?.correlation_id, 'corr-lambda-fixture-0001')
    // The interaction went to DynamoDB, the log INTERACTIONS_TABLE selected.
    const { Items = [] } = await new DynamoDBClient(moto.config).send(
      new QueryCommand({
        TableName: interactionsTable,
        KeyConditionExpression: 'customer_id = :c',
        ExpressionAttributeValues: { ':c': { S: 'CUST-00002' } },
      }),
    )
    assert.ok(Items.some((item) => item.timestamp?.S?.includes(`#ticket:${ticketId}:`)))
  })

  it('syncs on an S3 Object Created event and records the job with trigger s3_event', async () => {
    await s3Client(moto).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'kb/reset-password.md',
        Body: '# Reset your password\n\nOpen Settings, choose Security, then Reset password.\n',
      }),
    )
    const event = loadLambdaFixture<S3ObjectEvent>('eventbridge-s3-object-created')
    event.detail.bucket.name = bucket
    const started = await createDocumentSyncHandler(handlers)(event)
    assert.ok('jobId' in started)
    const record = await deps.knowledgeBase.getSync(started.jobId)
    assert.equal(record?.trigger, 's3_event')
    assert.equal(record?.status, 'SUCCEEDED')
    assert.equal(record?.counts.added, 1)
    assert.equal(recorded.metrics.SyncsRequested, 1)
  })

  it('relays what an invocation staged but could not send, on the scheduled tick', async () => {
    const staged = Array.from({ length: 105 }, (_, i) => ({
      ticketId: `tkt_staged_${i}`,
      correlationId: `corr-staged-${i}`,
    }))
    for (const body of staged)
      await deps.db.query('INSERT INTO outbox_messages (body) VALUES ($1)', [body])
    const result = await createOutboxRelayHandler(handlers)()
    assert.deepEqual(result, { relayed: 105 })
    const [left] = await deps.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox_messages',
    )
    assert.equal(left?.n, 0)
    const sqs = new SQSClient(moto.config)
    const seen = new Set<string>()
    for (let round = 0; round < 30 && seen.size < staged.length; round++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      )
      for (const message of Messages) {
        const ticketId = (JSON.parse(message.Body ?? '{}') as { ticketId?: string }).ticketId
        if (ticketId?.startsWith('tkt_staged_')) seen.add(ticketId)
      }
    }
    assert.equal(seen.size, staged.length)
    assert.equal(recorded.metrics.OutboxMessagesRelayed, 105)
  })

  it('ignores an S3 event for another bucket', async () => {
    const event = loadLambdaFixture<S3ObjectEvent>('eventbridge-s3-object-created')
    const result = await createDocumentSyncHandler(handlers)(event)
    assert.deepEqual(result, { ignored: 'another bucket' })
  })
})
