import type { SyncCounts, SyncFailure } from '../../ports/knowledge-base.ts'

/**
 * What a sync reports. Apart from sync-documents.ts so that what only counts (the sync runner,
 * Bedrock's ingestion jobs) does not pull the parsers and the tokenizer into a Lambda bundle.
 */
export interface SyncOutcome {
  counts: SyncCounts
  failures: SyncFailure[]
}

export const emptyCounts = (): SyncCounts => ({
  scanned: 0,
  added: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  chunks: 0,
})
