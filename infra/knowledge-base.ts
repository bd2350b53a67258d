import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'
import { DOCUMENTS_PREFIX, DocumentsBucket } from './documents-bucket.ts'
import { awsContext, policyDocument, serviceRole } from './iam.ts'
import { OpenSearchVectorStore, S3VectorStore, type VectorStore } from './vector-store.ts'

export interface KnowledgeBaseArgs {
  settings: StackConfig['knowledgeBase']
  documents: StackConfig['documents']
  /** Lower-case `<project>-<stack>`, the base of names AWS requires up front. */
  prefix: string
}

/**
 * The documents bucket, the vector store the stack picked, and the Bedrock knowledge base over
 * them: Titan Text Embeddings v2 (dimension from the settings), fixed-size chunking
 * (`chunkMaxTokens`, `chunkOverlapPercent`: 512 / 10% like the embedded chunker), one S3 data
 * source on `kb/`, and the role Bedrock assumes (read the documents, invoke the embedding model,
 * write the vector store; trusted only for this account's knowledge bases).
 */
export class KnowledgeBase extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket
  readonly knowledgeBaseId: pulumi.Output<string>
  readonly knowledgeBaseArn: pulumi.Output<string>
  readonly dataSourceId: pulumi.Output<string>
  readonly vectorStore: StackConfig['knowledgeBase']['vectorStore']

  constructor(name: string, args: KnowledgeBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:KnowledgeBase', name, {}, opts)
    const parent = { parent: this }
    const { settings } = args
    const { accountId, region } = awsContext(parent)
    this.vectorStore = settings.vectorStore
    this.bucket = new DocumentsBucket(name, { settings: args.documents }, parent).bucket

    const role = serviceRole(`${name}-bedrock`, 'bedrock.amazonaws.com', parent, {
      StringEquals: { 'aws:SourceAccount': accountId },
      ArnLike: {
        'aws:SourceArn': pulumi.interpolate`arn:aws:bedrock:${region}:${accountId}:knowledge-base/*`,
      },
    })
    const storeArgs = { settings, prefix: args.prefix, bedrockRoleArn: role.arn }
    const store: VectorStore =
      settings.vectorStore === 's3-vectors'
        ? new S3VectorStore(name, storeArgs, parent)
        : new OpenSearchVectorStore(name, storeArgs, parent)

    const embeddingModelArn = pulumi.interpolate`arn:aws:bedrock:${region}::foundation-model/${settings.embeddingModelId}`
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-bedrock`,
      {
        role: role.id,
        policy: policyDocument([
          { Sid: 'Embed', Action: ['bedrock:InvokeModel'], Resource: [embeddingModelArn] },
          {
            Sid: 'ListDocuments',
            Action: ['s3:ListBucket'],
            Resource: [this.bucket.arn],
            Condition: { StringLike: { 's3:prefix': [`${DOCUMENTS_PREFIX}*`] } },
          },
          {
            Sid: 'ReadDocuments',
            Action: ['s3:GetObject'],
            Resource: [pulumi.interpolate`${this.bucket.arn}/${DOCUMENTS_PREFIX}*`],
          },
          ...store.statements,
        ]),
      },
      parent,
    )

    const knowledgeBase = new aws.bedrock.AgentKnowledgeBase(
      `${name}-kb`,
      {
        name: args.prefix,
        roleArn: role.arn,
        knowledgeBaseConfiguration: {
          type: 'VECTOR',
          vectorKnowledgeBaseConfiguration: {
            embeddingModelArn,
            embeddingModelConfiguration: {
              bedrockEmbeddingModelConfiguration: {
                dimensions: settings.embeddingDimensions,
                embeddingDataType: 'FLOAT32',
              },
            },
          },
        },
        storageConfiguration: store.storageConfiguration,
      },
      // Bedrock validates the role's access to the store when it creates the knowledge base.
      { parent: this, dependsOn: [rolePolicy, ...store.ready] },
    )
    const dataSource = new aws.bedrock.AgentDataSource(
      `${name}-documents`,
      {
        knowledgeBaseId: knowledgeBase.id,
        name: 'documents',
        // A deleted data source takes its vectors with it, so a stack destroy leaves nothing.
        dataDeletionPolicy: 'DELETE',
        dataSourceConfiguration: {
          type: 'S3',
          s3Configuration: { bucketArn: this.bucket.arn, inclusionPrefixes: [DOCUMENTS_PREFIX] },
        },
        vectorIngestionConfiguration: {
          chunkingConfiguration: {
            chunkingStrategy: 'FIXED_SIZE',
            fixedSizeChunkingConfiguration: {
              maxTokens: settings.chunkMaxTokens,
              overlapPercentage: settings.chunkOverlapPercent,
            },
          },
        },
      },
      parent,
    )
    this.knowledgeBaseId = knowledgeBase.id
    this.knowledgeBaseArn = knowledgeBase.arn
    this.dataSourceId = dataSource.dataSourceId
    this.registerOutputs({ knowledgeBaseId: this.knowledgeBaseId, dataSourceId: this.dataSourceId })
  }
}
