import type { RetrievedChunk, SyncRecord } from '../../ports/knowledge-base.ts'

/** Domain records → the snake_case JSON of the API. */
export const presentChunk = (chunk: RetrievedChunk) => ({
  chunk_id: chunk.chunkId,
  score: chunk.score,
  text: chunk.text,
  document_key: chunk.documentKey,
  title: chunk.title,
  location: {
    ...(chunk.location.headingPath ? { heading_path: chunk.location.headingPath } : {}),
    ...(chunk.location.page ? { page: chunk.location.page } : {}),
    ...(chunk.location.row ? { row: chunk.location.row } : {}),
  },
  metadata: chunk.metadata,
})

export const presentSync = (record: SyncRecord) => ({
  job_id: record.jobId,
  trigger: record.trigger,
  status: record.status,
  requested_at: record.requestedAt.toISOString(),
  started_at: record.startedAt?.toISOString() ?? null,
  finished_at: record.finishedAt?.toISOString() ?? null,
  counts: record.counts,
  failures: record.failures.map((f) => ({ document_key: f.documentKey, reason: f.reason })),
  error: record.error,
})
