import type {
  SyncCounts,
  SyncFailure,
  SyncRecord,
  SyncStatus,
  SyncTrigger,
} from '../../ports/knowledge-base.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'

interface SyncRow {
  job_id: string
  trigger: SyncTrigger
  status: SyncStatus
  requested_at: Date
  started_at: Date | null
  finished_at: Date | null
  counts: SyncCounts
  failures: SyncFailure[]
  error: string | null
  external_job_id: string | null
}

const COLUMNS =
  'job_id, trigger, status, requested_at, started_at, finished_at, counts, failures, error, external_job_id'

/**
 * The embedded sync audit trail: one row per job in kb_sync_jobs, or in kb_keyword_sync_jobs for
 * the keyword index kept beside a Bedrock knowledge base (the table is one of these two names,
 * never input).
 */
export function createSqlSyncAuditTrail({
  db,
  table = 'kb_sync_jobs',
}: {
  db: SqlDatabase
  table?: 'kb_sync_jobs' | 'kb_keyword_sync_jobs'
}): SyncAuditTrail {
  return {
    async save(record) {
      await db.query(
        `INSERT INTO ${table} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status,
           started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
           counts = EXCLUDED.counts, failures = EXCLUDED.failures, error = EXCLUDED.error,
           external_job_id = EXCLUDED.external_job_id`,
        [
          record.jobId,
          record.trigger,
          record.status,
          record.requestedAt,
          record.startedAt,
          record.finishedAt,
          record.counts,
          record.failures,
          record.error,
          record.externalJobId ?? null,
        ],
      )
    },
    async get(jobId) {
      const rows = await db.query<SyncRow>(`SELECT ${COLUMNS} FROM ${table} WHERE job_id = $1`, [
        jobId,
      ])
      return rows[0] ? toRecord(rows[0]) : null
    },
    async list(limit) {
      const rows = await db.query<SyncRow>(
        `SELECT ${COLUMNS} FROM ${table} ORDER BY requested_at DESC, job_id DESC LIMIT $1`,
        [limit],
      )
      return rows.map(toRecord)
    },
  }
}

const toRecord = (row: SyncRow): SyncRecord => ({
  jobId: row.job_id,
  trigger: row.trigger,
  status: row.status,
  requestedAt: row.requested_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  counts: row.counts,
  failures: row.failures,
  error: row.error,
  ...(row.external_job_id ? { externalJobId: row.external_job_id } : {}),
})
