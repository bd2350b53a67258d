import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { before, describe, it } from 'node:test'
import { queries, type Registered, runProgram } from '../helpers/pulumi-program.ts'

// The whole program (index.ts) under Pulumi mocks, once per stack file. What this proves: the
// resources and their inputs as Pulumi would send them to AWS. What it cannot: that AWS accepts
// them (no account here), see docs/infrastructure.md "What is verified".

const awsDir = dirname(createRequire(import.meta.url).resolve('@pulumi/aws/package.json'))

/** Whether the resource class takes `tags`, read from the generated SDK, not from our code. */
function taggable(type: string): boolean {
  const module = type.split(':')[1] as string
  const source = readFileSync(join(awsDir, `${module}.js`), 'utf8')
  return source.includes('resourceInputs["tags"] = args?.tags')
}

/**
 * Statements allowed to name `*`, each because IAM offers nothing narrower: X-Ray takes no
 * resource; the ENI calls of a VPC function concern interfaces that do not exist yet;
 * RetrieveAndGenerate has no resource type (the knowledge base and the model are still bounded
 * by bedrock:Retrieve and bedrock:InvokeModel on their ARNs).
 */
const STAR_ALLOWED = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'bedrock:RetrieveAndGenerate',
])

const STANDARD_TAGS = {
  dev: {
    Project: 'support-context',
    Environment: 'dev',
    CostCenter: 'support-engineering',
    ManagedBy: 'pulumi',
  },
  prod: {
    Project: 'support-context',
    Environment: 'prod',
    CostCenter: 'support-operations',
    ManagedBy: 'pulumi',
  },
}

interface PolicyStatement {
  Sid?: string
  Action: string[]
  Resource: string[]
}

for (const stack of ['dev', 'prod'] as const) {
  describe(`the ${stack} stack (Pulumi.${stack}.yaml under mocks)`, () => {
    let resources: Registered[] = []
    let outputs: Record<string, unknown> = {}
    let { all, one, lambda } = queries([], stack)
    const policyOf = (functionResource: Registered): PolicyStatement[] => {
      const roleName = functionResource.name
      const policy = one('aws:iam/rolePolicy:RolePolicy', roleName)
      return JSON.parse(policy.inputs.policy).Statement
    }
    const actionsOf = (statements: PolicyStatement[]) => statements.flatMap((s) => s.Action)

    before(async () => {
      ;({ resources, outputs } = await runProgram(stack))
      ;({ all, one, lambda } = queries(resources, stack))
    })

    it('tags every resource that takes tags with Project, Environment, CostCenter, ManagedBy', () => {
      const aws = resources.filter((r) => r.type.startsWith('aws:'))
      const tagged = aws.filter((r) => taggable(r.type))
      assert.ok(tagged.length >= 25, `only ${tagged.length} taggable resources found`)
      for (const resource of tagged)
        assert.deepEqual(
          { ...resource.inputs.tags, Name: undefined },
          { ...STANDARD_TAGS[stack], Name: undefined },
          `${resource.type} ${resource.name}`,
        )
      for (const resource of aws.filter((r) => !taggable(r.type)))
        assert.equal(resource.inputs.tags, undefined, `${resource.type} takes no tags`)
    })

    it('exports what operators and the helpdesks need', () => {
      assert.equal(outputs.environment, stack)
      assert.equal(outputs.knowledgeBaseId, 'KB12345678')
      assert.equal(outputs.dataSourceId, 'DS12345678')
      assert.equal(outputs.vectorStore, stack === 'dev' ? 's3-vectors' : 'opensearch-serverless')
      for (const name of [
        'queueUrl',
        'deadLetterQueueUrl',
        'documentsBucket',
        'interactionsTable',
        'syncAuditTable',
      ])
        assert.equal(typeof outputs[name], 'string', name)
    })

    it('redrives a ticket to the dead-letter queue after 3 receives, and alarms on its depth', () => {
      const queue = one('aws:sqs/queue:Queue', '-tickets')
      const dlq = one('aws:sqs/queue:Queue', '-dlq')
      const redrive = JSON.parse(queue.inputs.redrivePolicy)
      assert.deepEqual(redrive, { deadLetterTargetArn: dlq.state.arn, maxReceiveCount: 3 })
      assert.equal(queue.inputs.visibilityTimeoutSeconds, 60)
      assert.equal(queue.inputs.messageRetentionSeconds, 14 * 86_400)
      assert.equal(queue.inputs.receiveWaitTimeSeconds, 20)
      const alarm = one('aws:cloudwatch/metricAlarm:MetricAlarm')
      assert.equal(alarm.inputs.metricName, 'ApproximateNumberOfMessagesVisible')
      assert.deepEqual(alarm.inputs.dimensions, { QueueName: dlq.state.name })
      assert.equal(alarm.inputs.comparisonOperator, 'GreaterThanOrEqualToThreshold')
      assert.equal(alarm.inputs.threshold, 1)
      assert.deepEqual(alarm.inputs.alarmActions, [one('aws:sns/topic:Topic').state.arn])
    })

    it('keys the DynamoDB tables like their adapters, on demand, with TTL on `ttl`', () => {
      const tables = all('aws:dynamodb/table:Table')
      assert.equal(tables.length, 2)
      for (const table of tables) {
        assert.deepEqual(table.inputs.ttl, { attributeName: 'ttl', enabled: true })
        assert.equal(table.inputs.billingMode, 'PAY_PER_REQUEST')
        assert.equal(table.inputs.pointInTimeRecovery.enabled, stack === 'prod')
      }
      const interactions = one('aws:dynamodb/table:Table', 'customer-interactions')
      assert.equal(interactions.inputs.hashKey, 'customer_id')
      assert.equal(interactions.inputs.rangeKey, 'timestamp')
      const audit = one('aws:dynamodb/table:Table', 'kb-sync-audit')
      assert.equal(audit.inputs.hashKey, 'job_id')
      assert.deepEqual(audit.inputs.globalSecondaryIndexes, [
        {
          name: 'by-requested-at',
          keySchemas: [
            { attributeName: 'list_pk', keyType: 'HASH' },
            { attributeName: 'list_sk', keyType: 'RANGE' },
          ],
          projectionType: 'ALL',
        },
      ])
    })

    it('builds the knowledge base on the stack’s vector store with 512-token, 10% chunks', () => {
      const kb = one('aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase')
      const vector = kb.inputs.knowledgeBaseConfiguration.vectorKnowledgeBaseConfiguration
      assert.equal(
        vector.embeddingModelArn,
        'arn:aws:bedrock:eu-west-2::foundation-model/amazon.titan-embed-text-v2:0',
      )
      const source = one('aws:bedrock/agentDataSource:AgentDataSource')
      assert.deepEqual(source.inputs.vectorIngestionConfiguration.chunkingConfiguration, {
        chunkingStrategy: 'FIXED_SIZE',
        fixedSizeChunkingConfiguration: { maxTokens: 512, overlapPercentage: 10 },
      })
      assert.deepEqual(source.inputs.dataSourceConfiguration.s3Configuration.inclusionPrefixes, [
        'kb/',
      ])
      const vectors = all('aws:s3/vectorsIndex:VectorsIndex')
      const collections = all('aws:opensearch/serverlessCollection:ServerlessCollection')
      if (stack === 'dev') {
        assert.equal(kb.inputs.storageConfiguration.type, 'S3_VECTORS')
        assert.equal(collections.length, 0)
        const [index] = vectors
        assert.deepEqual(index?.inputs.metadataConfiguration.nonFilterableMetadataKeys, [
          'AMAZON_BEDROCK_TEXT',
          'AMAZON_BEDROCK_METADATA',
        ])
        assert.equal(index?.inputs.dimension, 1024)
        assert.equal(index?.inputs.distanceMetric, 'cosine')
        assert.equal(
          kb.inputs.storageConfiguration.s3VectorsConfiguration.indexArn,
          index?.state.indexArn,
        )
      } else {
        assert.equal(kb.inputs.storageConfiguration.type, 'OPENSEARCH_SERVERLESS')
        assert.equal(vectors.length, 0)
        assert.equal(collections[0]?.inputs.type, 'VECTORSEARCH')
        assert.equal(collections[0]?.inputs.standbyReplicas, 'ENABLED')
        const policies = all('aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy')
        assert.deepEqual(policies.map((p) => p.inputs.type).sort(), ['encryption', 'network'])
        const access = one('aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy')
        const bedrockRole = one('aws:iam/role:Role', 'knowledge-bedrock')
        const indexerRole = one('aws:iam/role:Role', 'knowledge-index')
        assert.deepEqual(JSON.parse(access.inputs.policy)[0].Principal, [
          bedrockRole.state.arn,
          indexerRole.state.arn,
        ])
        // The vector index is made at deploy time by the indexer, with Bedrock's field names.
        const invocation = one('aws:lambda/invocation:Invocation')
        assert.equal(invocation.inputs.functionName, lambda('opensearch-index').state.name)
        const input = JSON.parse(invocation.inputs.input)
        assert.deepEqual(
          {
            indexName: input.indexName,
            dimension: input.dimension,
            vectorField: input.vectorField,
            textField: input.textField,
            metadataField: input.metadataField,
          },
          {
            indexName:
              kb.inputs.storageConfiguration.opensearchServerlessConfiguration.vectorIndexName,
            dimension: 1024,
            vectorField: 'bedrock-knowledge-base-default-vector',
            textField: 'AMAZON_BEDROCK_TEXT_CHUNK',
            metadataField: 'AMAZON_BEDROCK_METADATA',
          },
        )
        assert.equal(input.endpoint, collections[0]?.state.collectionEndpoint)
        const indexer = actionsOf(policyOf(lambda('opensearch-index')))
        assert.ok(indexer.includes('aoss:APIAccessAll'))
        assert.ok(!indexer.some((a) => a.startsWith('bedrock:') || a.startsWith('s3:')))
      }
    })

    it('keeps the documents bucket versioned, encrypted, private, tiered, on EventBridge', () => {
      assert.equal(
        one('aws:s3/bucketVersioning:BucketVersioning').inputs.versioningConfiguration.status,
        'Enabled',
      )
      const block = one('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock').inputs
      assert.ok(
        block.blockPublicAcls &&
          block.blockPublicPolicy &&
          block.ignorePublicAcls &&
          block.restrictPublicBuckets,
      )
      const rules = one('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration').inputs
        .rules
      assert.equal(rules[0].noncurrentVersionExpiration.noncurrentDays, stack === 'dev' ? 7 : 90)
      assert.equal(rules[1].transitions[0].storageClass, 'INTELLIGENT_TIERING')
      assert.equal(one('aws:s3/bucketNotification:BucketNotification').inputs.eventbridge, true)
    })

    it('runs every Lambda on ARM64 and Node.js 22 from its bundle', () => {
      const functions = all('aws:lambda/function:Function')
      // prod (OpenSearch) adds the deploy-time index creator to the four app functions.
      assert.equal(functions.length, stack === 'dev' ? 4 : 5)
      for (const fn of functions) {
        assert.deepEqual(fn.inputs.architectures, ['arm64'])
        assert.equal(fn.inputs.runtime, 'nodejs22.x')
        assert.equal(fn.inputs.handler, 'index.handler')
        assert.equal(fn.inputs.tracingConfig.mode, 'Active')
      }
      const http = lambda('http')
      assert.equal(http.inputs.memorySize, stack === 'dev' ? 512 : 1024)
      const env = http.inputs.environment.variables
      assert.equal(env.WORKER_ENABLED, 'false')
      assert.equal(
        env.KNOWLEDGE_BASE_VECTOR_STORE,
        stack === 'dev' ? 's3-vectors' : 'opensearch-serverless',
      )
      assert.equal(env.ORIGIN_VERIFY_SECRET.length, 48)
      assert.match(env.DOCUMENTS_URL, /^s3:\/\/.+\/kb\/$/)
      assert.match(env.INTERACTIONS_TABLE, /^dynamodb:\/\//)
      assert.equal(env.QUEUE_MAX_RECEIVES, '3')
      if (stack === 'prod')
        assert.equal(
          env.DRAFT_MODEL_ARN,
          'arn:aws:bedrock:eu-west-2:123456789012:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0',
        )
      else assert.equal(env.DRAFT_MODEL_ARN, undefined)
      for (const bundle of ['ticket-worker', 'document-sync', 'outbox-relay'])
        assert.equal(
          lambda(bundle).inputs.environment.variables.ORIGIN_VERIFY_SECRET,
          undefined,
          bundle,
        )
    })

    it('names a resource in every IAM statement where IAM allows one', () => {
      const policies = all('aws:iam/rolePolicy:RolePolicy')
      assert.equal(
        policies.length,
        stack === 'dev' ? 5 : 6,
        'the functions (four, plus the index creator on OpenSearch) and the Bedrock role',
      )
      for (const policy of policies) {
        for (const statement of JSON.parse(policy.inputs.policy).Statement as PolicyStatement[]) {
          for (const action of statement.Action)
            assert.doesNotMatch(action, /\*/, `${policy.name}: ${action}`)
          if (!statement.Resource.includes('*')) continue
          for (const action of statement.Action)
            assert.ok(STAR_ALLOWED.has(action), `${policy.name}: ${action} on "*"`)
        }
      }
      assert.equal(
        all('aws:iam/rolePolicyAttachment:RolePolicyAttachment').length,
        0,
        'no managed policies',
      )
    })

    it('gives each function only its own queue, table, secret and knowledge base', () => {
      const worker = actionsOf(policyOf(lambda('ticket-worker')))
      assert.ok(worker.includes('sqs:ReceiveMessage') && worker.includes('bedrock:Retrieve'))
      assert.ok(!worker.includes('bedrock:StartIngestionJob'))
      const relay = actionsOf(policyOf(lambda('outbox-relay')))
      assert.ok(relay.includes('sqs:SendMessage') && !relay.some((a) => a.startsWith('dynamodb:')))
      const sync = policyOf(lambda('document-sync'))
      const syncActions = actionsOf(sync)
      assert.ok(
        syncActions.includes('bedrock:StartIngestionJob') &&
          syncActions.includes('dynamodb:PutItem'),
      )
      assert.ok(!syncActions.some((a) => a.startsWith('sqs:')))
      // Every sync reaches the database; only S3 Vectors stacks read the documents themselves
      // (to refresh the keyword index fused with Bedrock), on OpenSearch Bedrock alone reads them.
      const keywordIndex = stack === 'dev'
      assert.ok(syncActions.includes('secretsmanager:GetSecretValue'))
      assert.ok(lambda('document-sync').inputs.vpcConfig !== undefined)
      assert.equal(syncActions.includes('s3:GetObject'), keywordIndex)
      assert.equal(actionsOf(policyOf(lambda('http'))).includes('s3:GetObject'), keywordIndex)
      const audit = one('aws:dynamodb/table:Table', 'kb-sync-audit').state.arn
      for (const statement of sync.filter((s) => s.Action.some((a) => a.startsWith('dynamodb:'))))
        assert.ok(
          statement.Resource.every((arn) => arn.startsWith(audit)),
          'sync writes the audit table only',
        )
    })

    it('feeds the worker from the queue with partial batch failures', () => {
      const mapping = one('aws:lambda/eventSourceMapping:EventSourceMapping')
      assert.deepEqual(mapping.inputs.functionResponseTypes, ['ReportBatchItemFailures'])
      assert.equal(mapping.inputs.eventSourceArn, one('aws:sqs/queue:Queue', '-tickets').state.arn)
      assert.equal(mapping.inputs.batchSize, 10)
      assert.equal(mapping.inputs.scalingConfig.maximumConcurrency, stack === 'dev' ? 2 : 20)
    })

    it('triggers the sync on the bucket’s S3 events and every 5 minutes, the relay every minute', () => {
      const rules = all('aws:cloudwatch/eventRule:EventRule')
      const targetOf = (rule: (typeof rules)[number]) =>
        all('aws:cloudwatch/eventTarget:EventTarget').find((t) => t.name === rule.name)?.inputs.arn
      const schedules = rules.filter((r) => r.inputs.scheduleExpression)
      assert.deepEqual(
        schedules.map((r) => [r.inputs.scheduleExpression, targetOf(r)]).sort(),
        [
          ['rate(1 minute)', lambda('outbox-relay').state.arn],
          ['rate(5 minutes)', lambda('document-sync').state.arn],
        ].sort(),
      )
      const pattern = JSON.parse(rules.find((r) => r.inputs.eventPattern)?.inputs.eventPattern)
      assert.deepEqual(pattern['detail-type'], ['Object Created', 'Object Deleted'])
      assert.deepEqual(pattern.detail.bucket.name, [one('aws:s3/bucket:Bucket').state.bucket])
    })
  })
}

describe('a stack file the program refuses', () => {
  it('fails the preview when the queue hides messages for less than the worker runs', async () => {
    await assert.rejects(
      runProgram('dev', (settings) => {
        settings.queue = { ...settings.queue, visibilityTimeoutSeconds: 20 }
      }),
      /support-context:queue\.visibilityTimeoutSeconds/,
    )
  })
})
