import type { SyncRecord } from './knowledge-base.ts'

/** The durable audit trail of knowledge-base syncs (SQL embedded, DynamoDB on AWS). */
export interface SyncAuditTrail {
  /** Creates or replaces the record with this job id. */
  save(record: SyncRecord): Promise<void>
  /** Resolves null for an unknown job id. */
  get(jobId: string): Promise<SyncRecord | null>
  /** Newest first by requestedAt, at most `limit`. */
  list(limit: number): Promise<SyncRecord[]>
}
