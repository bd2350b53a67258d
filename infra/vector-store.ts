import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'
import { SupportFunction } from './function.ts'
import type { Statement } from './iam.ts'

/** What the knowledge base needs from its vector store, whichever one the stack picked. */
export interface VectorStore {
  storageConfiguration: aws.types.input.bedrock.AgentKnowledgeBaseStorageConfiguration
  /** What the Bedrock service role must be allowed on the store. */
  statements: Statement[]
  /** Resources the knowledge base must wait for (policies Bedrock's validation relies on). */
  ready: pulumi.Resource[]
}

export interface VectorStoreArgs {
  settings: StackConfig['knowledgeBase']
  /** Lower-case `<project>-<stack>`, the base of the store's names. */
  prefix: string
  /** The Bedrock service role: the only principal of the data (besides named admins). */
  bedrockRoleArn: pulumi.Input<string>
}

/**
 * S3 Vectors: a vector bucket and one index (cosine, the embedding's dimension). Bedrock stores
 * each chunk's text and its metadata as `AMAZON_BEDROCK_TEXT` and `AMAZON_BEDROCK_METADATA`;
 * S3 Vectors allows only 2 KB of filterable metadata per vector, so both are declared
 * non-filterable or ingestion of a long chunk fails. Filters still work on the other keys.
 */
export class S3VectorStore extends pulumi.ComponentResource implements VectorStore {
  readonly storageConfiguration: VectorStore['storageConfiguration']
  readonly statements: Statement[]
  readonly ready: pulumi.Resource[] = []

  constructor(name: string, args: VectorStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:S3VectorStore', name, {}, opts)
    const parent = { parent: this }
    const bucket = new aws.s3.VectorsVectorBucket(
      `${name}-vectors`,
      { vectorBucketName: `${args.prefix}-vectors` },
      parent,
    )
    const index = new aws.s3.VectorsIndex(
      `${name}-vectors`,
      {
        vectorBucketName: bucket.vectorBucketName,
        indexName: 'chunks',
        dataType: 'float32',
        dimension: args.settings.embeddingDimensions,
        distanceMetric: 'cosine',
        metadataConfiguration: {
          nonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'],
        },
      },
      parent,
    )
    this.storageConfiguration = {
      type: 'S3_VECTORS',
      s3VectorsConfiguration: { indexArn: index.indexArn },
    }
    this.statements = [
      {
        Sid: 'VectorIndex',
        Action: [
          's3vectors:GetIndex',
          's3vectors:PutVectors',
          's3vectors:GetVectors',
          's3vectors:DeleteVectors',
          's3vectors:QueryVectors',
        ],
        Resource: [index.indexArn],
      },
    ]
    this.registerOutputs({ indexArn: index.indexArn })
  }
}

/** The names Bedrock's console uses; the index must be created with them (docs/infrastructure.md). */
export const OPENSEARCH_INDEX = {
  name: 'bedrock-knowledge-base-default-index',
  vectorField: 'bedrock-knowledge-base-default-vector',
  textField: 'AMAZON_BEDROCK_TEXT_CHUNK',
  metadataField: 'AMAZON_BEDROCK_METADATA',
}

/**
 * OpenSearch Serverless: a VECTORSEARCH collection with its encryption, network and data-access
 * policies, standby replicas per stack, and the vector index inside it. The index is an
 * OpenSearch API object that @pulumi/aws cannot make (and no @pulumi/opensearch package is
 * published), while Bedrock refuses to create the knowledge base until it exists: a small
 * deploy-time Lambda (app/entry/lambda/opensearch-index.ts) creates it, SigV4-signed, invoked
 * once by `pulumi up` (aws.lambda.Invocation) before the knowledge base; it is safe to run again.
 */
export class OpenSearchVectorStore extends pulumi.ComponentResource implements VectorStore {
  readonly storageConfiguration: VectorStore['storageConfiguration']
  readonly statements: Statement[]
  readonly ready: pulumi.Resource[]
  readonly collectionEndpoint: pulumi.Output<string>

  constructor(name: string, args: VectorStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:OpenSearchVectorStore', name, {}, opts)
    const parent = { parent: this }
    // Collection and policy names: 3 to 32 characters.
    const collectionName = args.prefix.slice(0, 27)
    const collectionResource = `collection/${collectionName}`
    const encryption = new aws.opensearch.ServerlessSecurityPolicy(
      `${name}-encryption`,
      {
        name: `${collectionName}-enc`,
        type: 'encryption',
        policy: JSON.stringify({
          Rules: [{ ResourceType: 'collection', Resource: [collectionResource] }],
          AWSOwnedKey: true,
        }),
      },
      parent,
    )
    // Public endpoint, but every request is SigV4-signed and checked against the data-access
    // policy below; a VPC endpoint would bill per hour and Bedrock reaches the collection anyway.
    const network = new aws.opensearch.ServerlessSecurityPolicy(
      `${name}-network`,
      {
        name: `${collectionName}-net`,
        type: 'network',
        policy: JSON.stringify([
          {
            Rules: [{ ResourceType: 'collection', Resource: [collectionResource] }],
            AllowFromPublic: true,
          },
        ]),
      },
      parent,
    )
    const collection = new aws.opensearch.ServerlessCollection(
      `${name}-collection`,
      {
        name: collectionName,
        type: 'VECTORSEARCH',
        standbyReplicas: args.settings.openSearchStandbyReplicas ? 'ENABLED' : 'DISABLED',
      },
      { parent: this, dependsOn: [encryption, network] },
    )
    // Creates the vector index at deploy time; it may only touch this collection.
    const indexer = new SupportFunction(
      `${name}-index`,
      {
        bundle: 'opensearch-index',
        prefix: args.prefix,
        description: 'Support-context deploy step: the OpenSearch vector index Bedrock writes to',
        memoryMb: 256,
        timeoutSeconds: 120,
        logRetentionDays: 14,
        environment: {},
        statements: [
          { Sid: 'CreateIndex', Action: ['aoss:APIAccessAll'], Resource: [collection.arn] },
        ],
      },
      parent,
    )
    const access = new aws.opensearch.ServerlessAccessPolicy(
      `${name}-access`,
      {
        name: `${collectionName}-data`,
        type: 'data',
        policy: pulumi.jsonStringify([
          {
            Rules: [
              {
                ResourceType: 'collection',
                Resource: [collectionResource],
                Permission: [
                  'aoss:DescribeCollectionItems',
                  'aoss:CreateCollectionItems',
                  'aoss:UpdateCollectionItems',
                ],
              },
              {
                ResourceType: 'index',
                Resource: [`index/${collectionName}/*`],
                Permission: [
                  'aoss:CreateIndex',
                  'aoss:DescribeIndex',
                  'aoss:UpdateIndex',
                  'aoss:ReadDocument',
                  'aoss:WriteDocument',
                ],
              },
            ],
            Principal: [
              args.bedrockRoleArn,
              indexer.role.arn,
              ...args.settings.openSearchAdminPrincipalArns,
            ],
          },
        ]),
      },
      parent,
    )
    this.collectionEndpoint = collection.collectionEndpoint
    const index = new aws.lambda.Invocation(
      `${name}-index`,
      {
        functionName: indexer.function.name,
        input: pulumi.jsonStringify({
          endpoint: collection.collectionEndpoint,
          indexName: OPENSEARCH_INDEX.name,
          dimension: args.settings.embeddingDimensions,
          vectorField: OPENSEARCH_INDEX.vectorField,
          textField: OPENSEARCH_INDEX.textField,
          metadataField: OPENSEARCH_INDEX.metadataField,
        }),
      },
      // The data-access policy must name the indexer before it can create anything.
      { parent: this, dependsOn: [access, collection] },
    )
    this.ready = [access, collection, index]
    this.storageConfiguration = {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: {
        collectionArn: collection.arn,
        vectorIndexName: OPENSEARCH_INDEX.name,
        fieldMapping: {
          vectorField: OPENSEARCH_INDEX.vectorField,
          textField: OPENSEARCH_INDEX.textField,
          metadataField: OPENSEARCH_INDEX.metadataField,
        },
      },
    }
    this.statements = [
      { Sid: 'Collection', Action: ['aoss:APIAccessAll'], Resource: [collection.arn] },
    ]
    this.registerOutputs({ collectionEndpoint: this.collectionEndpoint })
  }
}
