import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'
import { DATABASE_NAME, type Database } from './database.ts'
import { DOCUMENTS_PREFIX } from './documents-bucket.ts'
import { draftModel } from './draft-model.ts'
import { invokeOn, SupportFunction } from './function.ts'
import { draftStatements, readDocuments, sizing } from './function-access.ts'
import { awsContext, type Statement } from './iam.ts'
import type { KnowledgeBase } from './knowledge-base.ts'
import type { Network } from './network.ts'
import type { TicketQueue } from './queue.ts'
import type { Tables } from './tables.ts'

export interface FunctionsArgs {
  settings: StackConfig
  prefix: string
  network: Network
  database: Database
  tables: Tables
  queue: TicketQueue
  knowledgeBase: KnowledgeBase
  /** The value CloudFront sends as `x-origin-verify` (decision 0004). */
  originVerifySecret: pulumi.Input<string>
  /** Accepted beside it during a rotation (decision 0004); unset otherwise. */
  previousOriginVerifySecret?: pulumi.Input<string>
}

/**
 * The four handlers, each with only what it touches: `http` (the API), `ticket-worker` (SQS,
 * partial batch failures), `document-sync` (S3 events through EventBridge) and `outbox-relay`
 * (every minute). Every function gets the same app configuration except the database
 * variables, which only functions that can reach the database receive, and the origin secret
 * (`http` only); the IAM policy is what actually bounds each one.
 */
export class Functions extends pulumi.ComponentResource {
  readonly http: aws.lambda.Function
  readonly worker: aws.lambda.Function

  constructor(name: string, args: FunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:Functions', name, {}, opts)
    const parent = { parent: this }
    const { settings, network, database, tables, queue, knowledgeBase: kb } = args
    if (settings.queue.visibilityTimeoutSeconds < settings.worker.timeoutSeconds) {
      // Lambda refuses the SQS mapping in that case; fail at preview with the keys to change.
      throw new Error(
        'support-context:queue.visibilityTimeoutSeconds must be at least support-context:worker.timeoutSeconds',
      )
    }
    const { accountId, region } = awsContext(parent)
    const draft = settings.knowledgeBase.draftModelId
      ? draftModel(settings.knowledgeBase.draftModelId, region, accountId)
      : undefined
    const s3Vectors = settings.knowledgeBase.vectorStore === 's3-vectors'
    const vpc = {
      subnetIds: network.privateSubnetIds,
      securityGroupIds: [network.lambdaSecurityGroupId],
    }

    const environment: Record<string, pulumi.Input<string>> = {
      NODE_ENV: 'production',
      NODE_OPTIONS: '--enable-source-maps',
      SEED_ON_START: 'false',
      KB_SYNC_ON_START: 'false',
      KB_WATCH: 'false',
      WORKER_ENABLED: 'false',
      QUEUE_URL: queue.queue.url,
      DEAD_LETTER_QUEUE_URL: queue.deadLetterQueue.url,
      QUEUE_MAX_RECEIVES: String(settings.queue.maxReceiveCount),
      QUEUE_VISIBILITY_TIMEOUT_MS: String(settings.queue.visibilityTimeoutSeconds * 1000),
      DOCUMENTS_URL: pulumi.interpolate`s3://${kb.bucket.bucket}/${DOCUMENTS_PREFIX}`,
      INTERACTIONS_TABLE: pulumi.interpolate`dynamodb://${tables.interactions.name}`,
      SYNC_AUDIT_TABLE: pulumi.interpolate`dynamodb://${tables.syncAudit.name}`,
      KNOWLEDGE_BASE_ID: kb.knowledgeBaseId,
      KNOWLEDGE_BASE_DATA_SOURCE_ID: kb.dataSourceId,
      KNOWLEDGE_BASE_VECTOR_STORE: settings.knowledgeBase.vectorStore,
      // The app's own chunker feeds the keyword index fused with Bedrock: same cut as Bedrock's.
      CHUNK_MAX_TOKENS: String(settings.knowledgeBase.chunkMaxTokens),
      CHUNK_OVERLAP_RATIO: String(settings.knowledgeBase.chunkOverlapPercent / 100),
      ...(draft ? { DRAFT_MODEL_ARN: draft.arn } : {}),
    }
    const databaseEnvironment = {
      DATABASE_SECRET_ARN: database.secretArn,
      DATABASE_HOST: database.host,
      DATABASE_PORT: database.port.apply(String),
      DATABASE_NAME,
      // RDS for PostgreSQL 15+ forces TLS (rds.force_ssl = 1).
      DATABASE_SSLMODE: 'require',
    }
    const readSecret: Statement = {
      Sid: 'DatabaseSecret',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [database.secretArn],
    }
    const interactions: Statement = {
      Sid: 'InteractionLog',
      Action: ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem'],
      Resource: [tables.interactions.arn],
    }
    const audit: Statement = {
      Sid: 'SyncAudit',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: [tables.syncAudit.arn, pulumi.interpolate`${tables.syncAudit.arn}/index/*`],
    }
    const ingest: Statement = {
      Sid: 'Ingestion',
      Action: ['bedrock:StartIngestionJob', 'bedrock:GetIngestionJob'],
      Resource: [kb.knowledgeBaseArn],
    }
    const retrieve: Statement = {
      Sid: 'Retrieve',
      Action: ['bedrock:Retrieve'],
      Resource: [kb.knowledgeBaseArn],
    }
    const common = {
      prefix: args.prefix,
      logRetentionDays: settings.observability.logRetentionDays,
    }

    const http = new SupportFunction(
      `${name}-http`,
      {
        ...common,
        bundle: 'http',
        description: 'Support-context HTTP API (behind CloudFront)',
        ...sizing(settings.api),
        environment: {
          ...environment,
          ...databaseEnvironment,
          ORIGIN_VERIFY_SECRET: args.originVerifySecret,
          ...(args.previousOriginVerifySecret
            ? { ORIGIN_VERIFY_SECRET_PREVIOUS: args.previousOriginVerifySecret }
            : {}),
          CONTEXT_MAX_AGE_SECONDS: String(settings.api.contextCacheTtlSeconds),
        },
        statements: [
          readSecret,
          interactions,
          audit,
          retrieve,
          ingest,
          {
            Sid: 'EnqueueTickets',
            Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
            Resource: [queue.queue.arn],
          },
          {
            Sid: 'DeadLetterDepth',
            Action: ['sqs:GetQueueAttributes'],
            Resource: [queue.deadLetterQueue.arn],
          },
          ...(draft ? draftStatements(draft.invokeResources) : []),
          // POST /kb/sync also refreshes the keyword index on S3 Vectors stacks.
          ...(s3Vectors ? readDocuments(kb.bucket) : []),
        ],
        vpc,
      },
      parent,
    )
    this.http = http.function

    const worker = new SupportFunction(
      `${name}-worker`,
      {
        ...common,
        bundle: 'ticket-worker',
        description: 'Support-context ticket worker (SQS, partial batch failures)',
        ...sizing(settings.worker),
        environment: { ...environment, ...databaseEnvironment },
        statements: [
          readSecret,
          interactions,
          retrieve,
          {
            Sid: 'ConsumeTickets',
            Action: [
              'sqs:ReceiveMessage',
              'sqs:DeleteMessage',
              'sqs:ChangeMessageVisibility',
              'sqs:GetQueueAttributes',
            ],
            Resource: [queue.queue.arn],
          },
          {
            Sid: 'DeadLetter',
            Action: ['sqs:SendMessage'],
            Resource: [queue.deadLetterQueue.arn],
          },
        ],
        vpc,
      },
      parent,
    )
    this.worker = worker.function
    new aws.lambda.EventSourceMapping(
      `${name}-worker-tickets`,
      {
        eventSourceArn: queue.queue.arn,
        functionName: worker.function.arn,
        batchSize: settings.queue.workerBatchSize,
        // Only the failed records return to the queue; the rest of the batch is done.
        functionResponseTypes: ['ReportBatchItemFailures'],
        scalingConfig: { maximumConcurrency: settings.queue.workerMaxConcurrency },
      },
      parent,
    )

    const relay = new SupportFunction(
      `${name}-outbox-relay`,
      {
        ...common,
        bundle: 'outbox-relay',
        description: 'Support-context outbox relay (what an HTTP invocation could not send)',
        ...sizing(settings.outboxRelay),
        environment: { ...environment, ...databaseEnvironment },
        statements: [
          readSecret,
          { Sid: 'EnqueueTickets', Action: ['sqs:SendMessage'], Resource: [queue.queue.arn] },
        ],
        vpc,
      },
      parent,
    )
    invokeOn(
      `${name}-outbox-relay`,
      relay.function,
      { scheduleExpression: 'rate(1 minute)' },
      parent,
    )

    // Every stack: ingestion jobs, the audit trail, and the database (the app migrates and keeps
    // its sync bookkeeping there). S3 Vectors stacks: the sync also rebuilds the app's keyword
    // index in PostgreSQL (fused with Bedrock's semantic results), so it reads the documents.
    const sync = new SupportFunction(
      `${name}-sync`,
      {
        ...common,
        bundle: 'document-sync',
        description: 'Support-context document sync (S3 events through EventBridge)',
        ...sizing(settings.sync),
        environment: { ...environment, ...databaseEnvironment },
        statements: [audit, ingest, readSecret, ...(s3Vectors ? readDocuments(kb.bucket) : [])],
        vpc,
      },
      parent,
    )
    invokeOn(
      `${name}-sync`,
      sync.function,
      {
        eventPattern: pulumi.jsonStringify({
          source: ['aws.s3'],
          'detail-type': ['Object Created', 'Object Deleted'],
          detail: {
            bucket: { name: [kb.bucket.bucket] },
            object: { key: [{ prefix: DOCUMENTS_PREFIX }] },
          },
        }),
      },
      parent,
    )
    // A sync that met a ConflictException in a container since frozen or recycled is taken up
    // here (the handler's "Scheduled Event" branch); with nothing waiting it returns at once.
    invokeOn(
      `${name}-sync-resume`,
      sync.function,
      { scheduleExpression: 'rate(5 minutes)' },
      parent,
    )
    this.registerOutputs({ http: this.http.name, worker: this.worker.name })
  }
}
