import type { ChunkOptions } from '../../core/knowledge/chunk.ts'
import type { ChunkStore, StoredChunk } from '../../core/knowledge/chunk-store.ts'
import {
  createSearchIndex,
  type SearchIndex,
  type SearchIndexOptions,
} from '../../core/knowledge/search/index.ts'
import type { VectorTable } from '../../core/knowledge/search/vector-table.ts'
import { createSyncRunner, type SyncRunner } from '../../core/knowledge/sync-runner.ts'
import type { Logger } from '../../observability/logger.ts'
import type { DocumentStore } from '../../ports/document-store.ts'
import type {
  KnowledgeBase,
  RetrievalFilters,
  RetrievedChunk,
  SyncCounts,
} from '../../ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'

export interface LocalKnowledgeBaseOptions {
  documents: DocumentStore
  chunks: ChunkStore
  audit: SyncAuditTrail
  logger: Logger
  chunking?: ChunkOptions
  /** Called after each document a sync looks at (progress bars in scripts). */
  onSyncProgress?: (counts: SyncCounts) => void
  /** How often a reader checks the stored index version (other processes may have synced). */
  versionCheckMs?: number
  search?: SearchIndexOptions
  /** Pre-trained word vectors for soft term matching (`search.wordVectors` wins when set). */
  wordVectors?: () => Promise<VectorTable | undefined>
  now?: () => number
}

/**
 * The embedded knowledge base: chunks live in SQL, and an in-memory search index over them is
 * rebuilt whenever the stored version moves (after a sync here or in another process).
 */
export function createLocalKnowledgeBase(
  options: LocalKnowledgeBaseOptions,
): KnowledgeBase & { runner: SyncRunner; recoverInterrupted(): Promise<number> } {
  const { chunks, audit, versionCheckMs = 2_000, now = Date.now } = options
  let built: { version: number; index: SearchIndex } | null = null
  let checkedAt = Number.NEGATIVE_INFINITY
  let rebuilding: Promise<SearchIndex> | null = null
  const runner = createSyncRunner({
    audit,
    logger: options.logger,
    run: async () => {
      // Loaded on the first sync: the parsers and the tokenizer are most of a Lambda bundle, and
      // the handlers that only retrieve never need them (scripts/build.ts splits them out).
      const { syncDocuments } = await import('../../core/knowledge/sync-documents.ts')
      const outcome = await syncDocuments({
        documents: options.documents,
        chunks,
        chunking: options.chunking,
      })
      checkedAt = Number.NEGATIVE_INFINITY // this process's readers see its own sync at once
      return outcome
    },
  })

  async function currentIndex(): Promise<SearchIndex> {
    if (built && now() - checkedAt < versionCheckMs) return built.index
    const version = await chunks.version()
    checkedAt = now()
    if (built?.version === version) return built.index
    rebuilding ??= Promise.all([chunks.loadChunks(), options.wordVectors?.()])
      .then(([loaded, wordVectors]) => {
        const index = createSearchIndex(loaded, { wordVectors, ...options.search })
        built = { version, index }
        return index
      })
      .finally(() => {
        rebuilding = null
      })
    return rebuilding
  }

  return {
    runner,
    /**
     * At start-up of the single embedded process: a job still QUEUED or IN_PROGRESS was cut off
     * by a stop, so its record is closed as FAILED rather than left claiming to run.
     */
    async recoverInterrupted() {
      const open = (await audit.list(100)).filter(
        (r) => r.status === 'QUEUED' || r.status === 'IN_PROGRESS',
      )
      for (const record of open) {
        await audit.save({
          ...record,
          status: 'FAILED',
          finishedAt: new Date(),
          error: 'interrupted: the process stopped before the sync finished',
        })
      }
      return open.length
    },
    async retrieve(query, { maxResults = 3, minScore = 0.5, filters } = {}) {
      const index = await currentIndex()
      const hits = index.search(query, {
        maxResults,
        minScore,
        filter: filters && matches(filters),
      })
      return hits.map(({ chunk, score }) => toRetrieved(chunk as StoredChunk, score))
    },
    startSync: (trigger) => runner.request(trigger),
    getSync: (jobId) => audit.get(jobId),
    listSyncs: (limit = 20) => audit.list(limit),
  }
}

function matches(filters: RetrievalFilters) {
  const pairs = Object.entries(filters.metadata ?? {})
  return (chunk: { documentKey: string; metadata: Record<string, string> }) =>
    (!filters.prefix || chunk.documentKey.startsWith(filters.prefix)) &&
    pairs.every(([key, value]) => chunk.metadata[key] === value)
}

const toRetrieved = (chunk: StoredChunk, score: number): RetrievedChunk => ({
  chunkId: chunk.id,
  text: chunk.text,
  score: Math.round(score * 10_000) / 10_000,
  documentKey: chunk.documentKey,
  title: chunk.title,
  location: chunk.location,
  metadata: chunk.metadata,
})
