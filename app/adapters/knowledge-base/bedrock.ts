import { BedrockAgentClient, GetIngestionJobCommand } from '@aws-sdk/client-bedrock-agent'
import {
  BedrockAgentRuntimeClient,
  type KnowledgeBaseVectorSearchConfiguration,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime'
import type {
  KnowledgeBase,
  RetrievedChunk,
  RetrieveOptions,
  StartedSync,
  SyncRecord,
} from '../../ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'
import { createIngestionScheduler } from './bedrock-ingestion.ts'
import { applyIngestionJob, isFinal } from './bedrock-jobs.ts'
import { createUriMapper, toBedrockFilter, toChunk } from './bedrock-mapping.ts'
import { fuseRankings } from './rank-fusion.ts'

export interface BedrockKnowledgeBaseOptions {
  knowledgeBaseId: string
  dataSourceId: string
  /** True when the vector store searches hybrid itself (OpenSearch Serverless); false for S3 Vectors. */
  hybrid: boolean
  audit: SyncAuditTrail
  /**
   * Our keyword search over the same documents (a local KnowledgeBase's `retrieve` over the
   * chunks in PostgreSQL), fused with Bedrock's semantic ranking when `hybrid` is false.
   */
  keyword?: Pick<KnowledgeBase, 'retrieve'>
  /** The data source's S3 base, `s3://bucket/prefix/`: document keys are relative to it. */
  bucketPrefix?: string
  /** How many candidates each ranking gives per wanted result when fusing (default 2). */
  fusionDepth?: number
  /** Requests within this long share one ingestion job (default 1000 ms). */
  coalesceWindowMs?: number
  /** First wait after a ConflictException, doubled per attempt (default 30 s). */
  retryDelayMs?: number
  maxAttempts?: number
  runtime?: BedrockAgentRuntimeClient
  agent?: BedrockAgentClient
  now?: () => Date
  /** Errors that do not fail a call: a keyword search that failed, a sync attempt that threw. */
  onError?: (error: unknown) => void
}

/** Bedrock's most results per Retrieve call. */
const MAX_NUMBER_OF_RESULTS = 100

/**
 * The knowledge base on Amazon Bedrock: Retrieve for passages (fused with our keyword search
 * when the vector store is semantic only), ingestion jobs for syncs, our audit trail for their
 * records (docs/aws.md, "Bedrock").
 */
export function createBedrockKnowledgeBase(
  options: BedrockKnowledgeBaseOptions,
): KnowledgeBase & { flush(): Promise<void>; resumeWaiting(): Promise<StartedSync | null> } {
  const {
    runtime = new BedrockAgentRuntimeClient({}),
    agent = new BedrockAgentClient({}),
    now = () => new Date(),
    onError = () => {},
    audit,
  } = options
  const uris = createUriMapper(options.bucketPrefix)
  const ingestion = createIngestionScheduler({
    knowledgeBaseId: options.knowledgeBaseId,
    dataSourceId: options.dataSourceId,
    agent,
    audit,
    coalesceWindowMs: options.coalesceWindowMs ?? 1_000,
    retryDelayMs: options.retryDelayMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 20,
    now,
    toKey: uris.toKey,
    onError,
  })

  async function semantic(query: string, numberOfResults: number, retrieve: RetrieveOptions) {
    const vectorSearchConfiguration: KnowledgeBaseVectorSearchConfiguration = {
      numberOfResults: Math.min(numberOfResults, MAX_NUMBER_OF_RESULTS),
      overrideSearchType: options.hybrid ? 'HYBRID' : 'SEMANTIC',
    }
    const filter = toBedrockFilter(retrieve.filters, uris)
    if (filter) vectorSearchConfiguration.filter = filter
    const { retrievalResults = [] } = await runtime.send(
      new RetrieveCommand({
        knowledgeBaseId: options.knowledgeBaseId,
        retrievalQuery: { text: query },
        retrievalConfiguration: { vectorSearchConfiguration },
      }),
    )
    return retrievalResults
      .map((result, index) => toChunk(result, index, uris))
      .sort((a, b) => b.score - a.score)
  }

  return {
    async retrieve(query, retrieve = {}) {
      const { maxResults = 3, minScore = 0.5, filters } = retrieve
      const keyword = options.hybrid ? undefined : options.keyword
      const depth = keyword ? maxResults * (options.fusionDepth ?? 2) : maxResults
      const [bedrock, ours] = await Promise.all([
        semantic(query, depth, retrieve),
        // Our keyword search failing (database down) leaves Bedrock's ranking, not an error.
        keyword?.retrieve(query, { maxResults: depth, minScore: 0, filters }).catch((error) => {
          onError(error)
          return undefined
        }),
      ])
      const ranked: RetrievedChunk[] = ours ? fuseRankings([bedrock, ours]) : bedrock
      return ranked.filter((chunk) => chunk.score >= minScore).slice(0, maxResults)
    },
    startSync: (trigger) => ingestion.request(trigger),
    /** Retries a job left waiting on a conflict by a container that is gone (see the scheduler). */
    resumeWaiting: () => ingestion.resumeWaiting(),
    /** Resolves once requested syncs have been offered to Bedrock (await it before a Lambda returns). */
    flush: () => ingestion.flush(),
    getSync: async (jobId) => {
      const record = await audit.get(jobId)
      return record && refresh(record)
    },
    listSyncs: (limit = 20) => audit.list(limit),
  }

  /** A running job's record brought up to date from Bedrock, and saved. */
  async function refresh(record: SyncRecord): Promise<SyncRecord> {
    if (isFinal(record.status) || !record.externalJobId) return record
    const { ingestionJob } = await agent.send(
      new GetIngestionJobCommand({
        knowledgeBaseId: options.knowledgeBaseId,
        dataSourceId: options.dataSourceId,
        ingestionJobId: record.externalJobId,
      }),
    )
    const updated = applyIngestionJob(record, ingestionJob, uris.toKey)
    await audit.save(updated)
    return updated
  }
}
