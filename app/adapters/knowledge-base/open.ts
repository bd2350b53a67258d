import type { ChunkOptions } from '../../core/knowledge/chunk.ts'
import { createSqlChunkStore } from '../../core/knowledge/chunk-store.ts'
import type { VectorTable } from '../../core/knowledge/search/vector-table.ts'
import type { SyncRunner } from '../../core/knowledge/sync-runner.ts'
import type { Logger } from '../../observability/logger.ts'
import type { DocumentStore } from '../../ports/document-store.ts'
import type { DraftWriter } from '../../ports/draft-writer.ts'
import type { KnowledgeBase, StartedSync, SyncCounts } from '../../ports/knowledge-base.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'
import type { AwsClients } from '../aws-clients.ts'
import { createBedrockDraftWriter } from '../draft-writer/bedrock.ts'
import { createExtractiveDraftWriter } from '../draft-writer/extractive.ts'
import type { AdapterPlan } from '../plan.ts'
import { createSqlSyncAuditTrail } from '../sync-audit/sql.ts'
import { createBedrockKnowledgeBase } from './bedrock.ts'
import { createLocalKnowledgeBase } from './local.ts'

export interface PlannedKnowledgeBase {
  knowledgeBase: KnowledgeBase
  /** The local index's sync runner (the whole knowledge base embedded; the keyword partner on AWS). */
  runner: SyncRunner
  recoverInterrupted(): Promise<number>
  /**
   * Resolves once every requested sync has been handed over: Bedrock's job offered (or waiting
   * on a conflict) and the local index's run finished. A Lambda awaits it before returning.
   */
  settle(): Promise<void>
  /**
   * Bedrock: retries a sync left waiting on a ConflictException by a container that is gone
   * (the sync handler's schedule calls it). The local index has nothing waiting: null.
   */
  resumeWaiting(): Promise<StartedSync | null>
  draftWriter?: DraftWriter
}

export interface KnowledgeBaseContext {
  db: SqlDatabase
  clients: AwsClients
  documents: DocumentStore
  documentsPlan: AdapterPlan['documents']
  /** The audit trail syncs are recorded in (SQL or DynamoDB, per the plan). */
  audit: SyncAuditTrail
  logger: Logger
  chunking: ChunkOptions
  minScore: number
  /** Pre-trained word vectors for the local index, loaded on its first build. */
  wordVectors?: () => Promise<VectorTable | undefined>
  onSyncProgress?: (counts: SyncCounts) => void
}

/**
 * The local index (chunks in SQL), or Bedrock with the local index as its keyword partner: on
 * S3 Vectors Bedrock searches semantically only, so its ranking is fused with ours, and every
 * sync request refreshes both. On OpenSearch Serverless Bedrock searches HYBRID itself and the
 * local index is not kept.
 */
export function openPlannedKnowledgeBase(
  plan: AdapterPlan['knowledgeBase'],
  drafts: AdapterPlan['drafts'],
  context: KnowledgeBaseContext,
): PlannedKnowledgeBase {
  const { db, logger } = context
  const local = createLocalKnowledgeBase({
    documents: context.documents,
    chunks: createSqlChunkStore({ db }),
    // With Bedrock the shared audit trail records its ingestion jobs; the keyword index's own
    // runs go to their own table, so `/kb/syncs` lists one record per requested sync.
    audit:
      plan.kind === 'local'
        ? context.audit
        : createSqlSyncAuditTrail({ db, table: 'kb_keyword_sync_jobs' }),
    logger,
    chunking: context.chunking,
    onSyncProgress: context.onSyncProgress,
    wordVectors: context.wordVectors,
  })
  if (plan.kind === 'local') {
    return {
      knowledgeBase: local,
      runner: local.runner,
      recoverInterrupted: () => local.recoverInterrupted(),
      settle: () => local.runner.idle(),
      resumeWaiting: async () => null,
      draftWriter:
        drafts.kind === 'extractive'
          ? createExtractiveDraftWriter({ knowledgeBase: local, minScore: context.minScore })
          : undefined,
    }
  }

  const bucketPrefix =
    context.documentsPlan.kind === 's3'
      ? `s3://${context.documentsPlan.bucket}/${context.documentsPlan.prefix}`
      : undefined
  const keywordIndex = plan.hybrid ? null : local
  const bedrock = createBedrockKnowledgeBase({
    knowledgeBaseId: plan.knowledgeBaseId,
    dataSourceId: plan.dataSourceId,
    hybrid: plan.hybrid,
    audit: context.audit,
    keyword: keywordIndex ?? undefined,
    bucketPrefix,
    runtime: context.clients.bedrockRuntime,
    agent: context.clients.bedrockAgent,
    onError: (error) => logger.warn('bedrock knowledge base: call failed', { error }),
  })
  return {
    knowledgeBase: {
      ...bedrock,
      async startSync(trigger) {
        keywordIndex?.startSync(trigger).catch((error) => {
          logger.error('keyword index sync could not start', { error })
        })
        return bedrock.startSync(trigger)
      },
    },
    runner: local.runner,
    recoverInterrupted: () => local.recoverInterrupted(),
    async settle() {
      await Promise.all([bedrock.flush(), keywordIndex?.runner.idle()])
    },
    resumeWaiting: () => bedrock.resumeWaiting(),
    draftWriter:
      drafts.kind === 'bedrock'
        ? createBedrockDraftWriter({
            knowledgeBaseId: plan.knowledgeBaseId,
            modelArn: drafts.modelArn,
            hybrid: plan.hybrid,
            bucketPrefix,
            runtime: context.clients.bedrockRuntime,
          })
        : undefined,
  }
}
