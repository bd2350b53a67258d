import type { SourceLocation } from '../core/knowledge/types.ts'

export interface RetrievalFilters {
  /** Only documents whose key starts with this (a folder: `markdown/login-gov-help/`). */
  prefix?: string
  /** Only documents whose sidecar metadata has every one of these key=value pairs. */
  metadata?: Record<string, string>
}

export interface RetrieveOptions {
  /** Default 3. */
  maxResults?: number
  /** 0..1, default 0.5: below it a passage is not worth an agent's time. */
  minScore?: number
  filters?: RetrievalFilters
}

export interface RetrievedChunk {
  chunkId: string
  text: string
  /** 0..1 with the same meaning on every adapter (docs/knowledge-base.md). */
  score: number
  documentKey: string
  title: string
  location: SourceLocation
  metadata: Record<string, string>
}

export const SYNC_TRIGGERS = ['manual', 'file_change', 'startup', 's3_event', 'schedule'] as const
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number]

/** QUEUED → IN_PROGRESS → SUCCEEDED | PARTIAL (some documents failed) | FAILED (the run failed). */
export type SyncStatus = 'QUEUED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED'

export interface SyncCounts {
  scanned: number
  added: number
  updated: number
  deleted: number
  unchanged: number
  /** Files of a type the knowledge base does not read (images, archives). */
  skipped: number
  failed: number
  /** Chunks written by this run (added and updated documents). */
  chunks: number
}

export interface SyncFailure {
  documentKey: string
  reason: string
}

/** One sync's audit record: what it was asked, what it did, and what went wrong. */
export interface SyncRecord {
  jobId: string
  trigger: SyncTrigger
  status: SyncStatus
  requestedAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  counts: SyncCounts
  failures: SyncFailure[]
  /** Why the whole run failed (status FAILED); on AWS also why a QUEUED job is still waiting. */
  error: string | null
  /** The backend's own job id when it runs the sync (Bedrock's ingestionJobId). */
  externalJobId?: string
}

export interface StartedSync {
  jobId: string
  status: SyncStatus
  /** True when the request joined a sync already queued behind the running one. */
  coalesced: boolean
}

export interface KnowledgeBase {
  /** The best passages for `query`, highest score first, none below minScore. */
  retrieve(query: string, options?: RetrieveOptions): Promise<RetrievedChunk[]>
  /**
   * Asks for a sync and resolves at once with its job id. One sync runs at a time; requests
   * that arrive meanwhile share one follow-up run.
   */
  startSync(trigger: SyncTrigger): Promise<StartedSync>
  getSync(jobId: string): Promise<SyncRecord | null>
  /** The most recent syncs, newest first. */
  listSyncs(limit?: number): Promise<SyncRecord[]>
}
