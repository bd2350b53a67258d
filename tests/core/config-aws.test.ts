import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adapterKinds, planAdapters } from '../../app/adapters/plan.ts'
import { ConfigError, loadConfig } from '../../app/config.ts'

const SQS = 'https://sqs.eu-west-1.amazonaws.com/111122223333/tickets'
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/tickets-dlq'
const MODEL = 'arn:aws:bedrock:eu-west-2::foundation-model/amazon.titan-text-express-v1'
const plan = (env: Record<string, string>) => planAdapters(loadConfig(env))

/** Asserts that loading `env` fails with exactly one line matching `pattern`. */
function assertRejected(env: Record<string, string>, pattern: RegExp) {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) =>
      error instanceof ConfigError && !error.message.includes('\n') && pattern.test(error.message),
  )
}

describe('adapter selection from the config', () => {
  it('picks every embedded twin with no environment at all', () => {
    assert.deepEqual(adapterKinds(plan({})), {
      database: 'pglite',
      queue: 'sql',
      documents: 'folder',
      interactions: 'sql',
      syncAudit: 'sql',
      knowledgeBase: 'local',
      drafts: 'extractive',
    })
  })

  it('picks Bedrock for KNOWLEDGE_BASE_ID, hybrid on OpenSearch Serverless, drafts with a model', () => {
    const bedrock = {
      DOCUMENTS_URL: 's3://docs/kb',
      KNOWLEDGE_BASE_ID: 'KBID123456',
      KNOWLEDGE_BASE_DATA_SOURCE_ID: 'DSID123456',
    }
    assert.deepEqual(plan(bedrock).knowledgeBase, {
      kind: 'bedrock',
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      hybrid: false,
    })
    assert.deepEqual(plan(bedrock).drafts, { kind: 'off' })
    const opensearch = { ...bedrock, KNOWLEDGE_BASE_VECTOR_STORE: 'opensearch-serverless' }
    assert.deepEqual(plan(opensearch).knowledgeBase, {
      kind: 'bedrock',
      knowledgeBaseId: 'KBID123456',
      dataSourceId: 'DSID123456',
      hybrid: true,
    })
    assert.deepEqual(plan({ ...opensearch, DRAFT_MODEL_ARN: MODEL }).drafts, {
      kind: 'bedrock',
      modelArn: MODEL,
    })
    assert.deepEqual(plan({ DRAFTS_ENABLED: 'false' }).drafts, { kind: 'off' })
  })

  it('picks SQS with its dead-letter queue for an SQS QUEUE_URL', () => {
    assert.deepEqual(plan({ QUEUE_URL: SQS, DEAD_LETTER_QUEUE_URL: DLQ }).queue, {
      kind: 'sqs',
      queueUrl: SQS,
      deadLetterQueueUrl: DLQ,
      maxReceiveCount: 3,
    })
  })

  it('picks S3 for s3://bucket/prefix, ending the prefix with a slash', () => {
    assert.deepEqual(plan({ DOCUMENTS_URL: 's3://docs-bucket/kb' }).documents, {
      kind: 's3',
      bucket: 'docs-bucket',
      prefix: 'kb/',
    })
    assert.deepEqual(plan({ DOCUMENTS_URL: 's3://docs-bucket' }).documents, {
      kind: 's3',
      bucket: 'docs-bucket',
      prefix: '',
    })
  })

  it('picks DynamoDB for dynamodb:// tables', () => {
    const chosen = plan({
      INTERACTIONS_TABLE: 'dynamodb://customer-interactions',
      SYNC_AUDIT_TABLE: 'dynamodb://kb-sync-audit',
    })
    assert.deepEqual(chosen.interactions, { kind: 'dynamodb', tableName: 'customer-interactions' })
    assert.deepEqual(chosen.syncAudit, { kind: 'dynamodb', tableName: 'kb-sync-audit' })
  })

  it('picks PostgreSQL from a URL, or from Secrets Manager with DATABASE_SECRET_ARN', () => {
    assert.equal(plan({ DATABASE_URL: 'postgres://u@h/db' }).database.kind, 'postgres')
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds-AbCdEf'
    assert.deepEqual(plan({ DATABASE_SECRET_ARN: arn }).database, {
      kind: 'postgres-secret',
      secretId: arn,
      fallback: { host: undefined, port: undefined, dbname: undefined },
      sslmode: undefined,
    })
    const rdsManaged = {
      DATABASE_SECRET_ARN: arn,
      DATABASE_HOST: 'db.internal',
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'support_context',
      DATABASE_SSLMODE: 'require',
    }
    assert.deepEqual(plan(rdsManaged).database, {
      kind: 'postgres-secret',
      secretId: arn,
      fallback: { host: 'db.internal', port: 5432, dbname: 'support_context' },
      sslmode: 'require',
    })
  })
})

describe('bad combinations fail with one line', () => {
  it('refuses SQS without DEAD_LETTER_QUEUE_URL', () =>
    assertRejected({ QUEUE_URL: SQS }, /DEAD_LETTER_QUEUE_URL: required with an SQS QUEUE_URL/))

  it('refuses a dead-letter queue beside the SQL queue', () =>
    assertRejected({ DEAD_LETTER_QUEUE_URL: DLQ }, /DEAD_LETTER_QUEUE_URL: only applies/))

  it('refuses DATABASE_URL and DATABASE_SECRET_ARN together', () =>
    assertRejected(
      { DATABASE_URL: 'postgres://u@h/db', DATABASE_SECRET_ARN: 'rds' },
      /DATABASE_SECRET_ARN: set it or DATABASE_URL, not both/,
    ))

  it('refuses a previous origin secret without a current one', () =>
    assertRejected(
      { ORIGIN_VERIFY_SECRET_PREVIOUS: 'p'.repeat(48) },
      /ORIGIN_VERIFY_SECRET_PREVIOUS: only applies with ORIGIN_VERIFY_SECRET/,
    ))

  it('refuses unknown schemes', () => {
    assertRejected({ DOCUMENTS_URL: 'gs://bucket' }, /DOCUMENTS_URL: must be file:/)
    assertRejected({ INTERACTIONS_TABLE: 'dynamodb://' }, /INTERACTIONS_TABLE: must be sql:/)
    assertRejected({ QUEUE_URL: 'amqp://rabbit' }, /QUEUE_URL: must be sql:/)
    assertRejected({ AWS_ENDPOINT_URL: 'localhost' }, /AWS_ENDPOINT_URL: /)
  })
})
