import { setTimeout as delay } from 'node:timers/promises'
import { type ClientHook, createAwsClients } from './adapters/aws-clients.ts'
import { openPlannedKnowledgeBase } from './adapters/knowledge-base/open.ts'
import { wordVectorsLoader } from './adapters/knowledge-base/word-vectors.ts'
import {
  openPlannedDatabase,
  openPlannedDocuments,
  openPlannedInteractionLog,
  openPlannedQueue,
  openPlannedSyncAudit,
} from './adapters/open-adapters.ts'
import { adapterKinds, planAdapters } from './adapters/plan.ts'
import { migrate } from './adapters/sql/migrate.ts'
import type { Config } from './config.ts'
import { createRateLimiter, type RateLimiter } from './core/auth/rate-limiter.ts'
import {
  type CustomerContextService,
  createCustomerContextService,
} from './core/customers/context-service.ts'
import type { SyncRunner } from './core/knowledge/sync-runner.ts'
import { createGuard } from './core/resilience/guard.ts'
import type { TicketContextDeps } from './core/tickets/build-ticket-context.ts'
import type { ProcessDeps } from './core/tickets/process-ticket.ts'
import {
  createReadyContextCache,
  type ReadyContextCache,
} from './core/tickets/ready-context-cache.ts'
import { readyRowVersions } from './core/tickets/ticket-store.ts'
import { createLogger, type Logger } from './observability/logger.ts'
import type { DocumentStore } from './ports/document-store.ts'
import type { DraftWriter } from './ports/draft-writer.ts'
import type { InteractionLog } from './ports/interaction-log.ts'
import type { KnowledgeBase, StartedSync, SyncCounts } from './ports/knowledge-base.ts'
import type { SqlDatabase } from './ports/sql.ts'
import type { TicketQueue } from './ports/ticket-queue.ts'

const SHUTDOWN_GRACE_MS = 10_000

/** Everything the use cases and routes need, one adapter per port. */
export interface Deps {
  config: Config
  logger: Logger
  db: SqlDatabase
  interactions: InteractionLog
  customerContexts: CustomerContextService
  documents: DocumentStore
  knowledgeBase: KnowledgeBase
  /** Serialises the local index's syncs; `idle()` waits for the running one (shutdown, tests). */
  syncRunner: SyncRunner
  /** Resolves once requested syncs are handed over (Bedrock job offered, local run done). */
  settleSyncs(): Promise<void>
  /** Bedrock: takes up a sync a gone container left waiting on a conflict (null: none). */
  resumeWaitingSync(): Promise<StartedSync | null>
  queue: TicketQueue
  /** What building a ticket context needs (retrieval and customer 360 behind guards). */
  ticketContext: TicketContextDeps & { readyContexts: ReadyContextCache }
  /** Ready tickets this process read lately (the intake forgets what it updates). */
  readyContexts: ReadyContextCache
  /** What the worker needs to process a ticket message. */
  processing: ProcessDeps
  rateLimiter: RateLimiter
  /** Absent when drafts are off (docs/aws.md: Bedrock with DRAFT_MODEL_ARN, else extractive). */
  draftWriter?: DraftWriter
  /** Closes audit records of syncs a previous process left unfinished; resolves how many. */
  recoverInterruptedSyncs(): Promise<number>
  close(): Promise<void>
}

/**
 * The composition root: picks each adapter from the config and migrates the database.
 * Pass `overrides` to inject an already-open database or logger (tests).
 */
export async function createDeps(
  config: Config,
  overrides: {
    db?: SqlDatabase
    logger?: Logger
    documents?: DocumentStore
    onSyncProgress?: (counts: SyncCounts) => void
    /** Wraps each AWS SDK client as it is built (Lambda: X-Ray capture). */
    awsClientHook?: ClientHook
  } = {},
): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL })
  const plan = planAdapters(config)
  const clients = createAwsClients(config, overrides.awsClientHook)
  const db = overrides.db ?? (await openPlannedDatabase(plan.database, clients))
  const applied = await migrate(db)
  if (applied.length) logger.info('database migrated', { applied, kind: db.kind })
  logger.debug('adapters selected', adapterKinds(plan))
  const interactions = openPlannedInteractionLog(plan.interactions, { db, clients })
  const customerContexts = createCustomerContextService({
    db,
    interactions,
    highValueThreshold: config.HIGH_VALUE_THRESHOLD,
    ttlMs: config.CONTEXT_CACHE_TTL_SECONDS * 1000,
    maxEntries: config.CONTEXT_CACHE_MAX_ENTRIES,
  })
  const documents = overrides.documents ?? openPlannedDocuments(plan.documents, clients)
  const planned = openPlannedKnowledgeBase(plan.knowledgeBase, plan.drafts, {
    db,
    clients,
    documents,
    documentsPlan: plan.documents,
    audit: openPlannedSyncAudit(plan.syncAudit, { db, clients }),
    logger,
    chunking: { maxTokens: config.CHUNK_MAX_TOKENS, overlapRatio: config.CHUNK_OVERLAP_RATIO },
    minScore: config.KB_MIN_SCORE,
    wordVectors: wordVectorsLoader(config.KB_WORD_VECTORS),
    onSyncProgress: overrides.onSyncProgress,
  })
  const { knowledgeBase } = planned
  const queue = openPlannedQueue(plan.queue, {
    db,
    clients,
    visibilityTimeoutMs: config.QUEUE_VISIBILITY_TIMEOUT_MS,
  })
  const readyContexts = createReadyContextCache({
    ttlMs: Math.min(config.CONTEXT_READY_CACHE_MS, config.CONTEXT_MAX_AGE_SECONDS * 1000),
    readyRowVersions: (ids) => readyRowVersions(db, ids),
  })
  const ticketContext: TicketContextDeps & { readyContexts: ReadyContextCache } = {
    db,
    readyContexts,
    customerContexts,
    knowledgeBase,
    logger,
    minScore: config.KB_MIN_SCORE,
    maxSuggestions: config.SUGGESTIONS_MAX,
    guards: {
      customer: createGuard('customer_360', logger),
      knowledgeBase: createGuard('knowledge_base', logger),
    },
  }
  return {
    config,
    logger,
    db,
    interactions,
    customerContexts,
    documents,
    knowledgeBase,
    syncRunner: planned.runner,
    settleSyncs: () => planned.settle(),
    resumeWaitingSync: () => planned.resumeWaiting(),
    recoverInterruptedSyncs: () => planned.recoverInterrupted(),
    draftWriter: planned.draftWriter,
    queue,
    ticketContext,
    readyContexts,
    processing: { ...ticketContext, interactions },
    rateLimiter: createRateLimiter(),
    async close() {
      // A sync writes each document in its own transaction, so stopping mid-way loses nothing;
      // give a running one a moment, then close (its record is recovered at the next start).
      const grace = new AbortController()
      await Promise.race([
        planned.runner.idle(),
        delay(SHUTDOWN_GRACE_MS, undefined, { signal: grace.signal }).catch(() => {}),
      ])
      grace.abort() // the timer must not hold a finished script's process open
      if (!overrides.db) await db.close()
    },
  }
}
