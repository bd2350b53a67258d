import type { IngestionJob } from '@aws-sdk/client-bedrock-agent'
import type { SyncCounts, SyncFailure, SyncRecord, SyncStatus } from '../../ports/knowledge-base.ts'

export const isFinal = (status: SyncStatus) =>
  status === 'SUCCEEDED' || status === 'PARTIAL' || status === 'FAILED'

/**
 * Bedrock's statistics as our counts. Bedrock does not report chunks (0) and counts documents
 * it left alone as scanned only: unchanged = scanned − indexed − failed − skipped.
 */
function countsOf(job: IngestionJob): SyncCounts {
  const s = job.statistics ?? {}
  const added = s.numberOfNewDocumentsIndexed ?? 0
  const updated = s.numberOfModifiedDocumentsIndexed ?? 0
  const failed = s.numberOfDocumentsFailed ?? 0
  const skipped = s.numberOfDocumentsSkipped ?? 0
  const scanned = s.numberOfDocumentsScanned ?? 0
  return {
    scanned,
    added,
    updated,
    deleted: s.numberOfDocumentsDeleted ?? 0,
    unchanged: Math.max(0, scanned - added - updated - failed - skipped),
    skipped,
    failed,
    chunks: 0,
  }
}

/**
 * Bedrock's failure reasons are sentences, not per-document records: each becomes a failure
 * naming the S3 key it mentions, or '' when it names none.
 */
function failuresOf(job: IngestionJob, toKey: (uri: string) => string): SyncFailure[] {
  return (job.failureReasons ?? []).map((reason) => {
    const uri = /s3:\/\/[^\s"',]+/.exec(reason)?.[0]
    return { documentKey: uri ? toKey(uri) : '', reason }
  })
}

/**
 * Bedrock's job state onto our record: STARTING, IN_PROGRESS and STOPPING are IN_PROGRESS;
 * COMPLETE is SUCCEEDED, or PARTIAL when some documents failed; FAILED and STOPPED are FAILED
 * with the reasons joined in `error`.
 */
export function applyIngestionJob(
  record: SyncRecord,
  job: IngestionJob | undefined,
  toKey: (uri: string) => string = (uri) => uri,
): SyncRecord {
  if (!job) return record
  const counts = countsOf(job)
  const failures = failuresOf(job, toKey)
  const base = { ...record, counts, startedAt: job.startedAt ?? record.startedAt }
  const finishedAt = job.updatedAt ?? new Date()
  switch (job.status) {
    case 'COMPLETE':
      return counts.failed || failures.length
        ? { ...base, status: 'PARTIAL', failures, finishedAt }
        : { ...base, status: 'SUCCEEDED', failures: [], finishedAt }
    case 'FAILED':
    case 'STOPPED': {
      const error = failures.map((f) => f.reason).join('; ') || `ingestion job ${job.status}`
      return { ...base, status: 'FAILED', failures, finishedAt, error }
    }
    default:
      return { ...base, status: 'IN_PROGRESS' }
  }
}
