import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type {
  SyncCounts,
  SyncFailure,
  SyncRecord,
  SyncStatus,
  SyncTrigger,
} from '../../ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'

/**
 * The GSI that lists jobs newest first: partition `list_pk` (always `all`), sort `list_sk`
 * (`<requestedAt ISO>#<jobId>`, so equal times still order like the SQL adapter's
 * `requested_at DESC, job_id DESC`). One partition is fine at a few syncs a day; it saves the
 * Scan + sort that would read the whole table on every list.
 */
export const SYNC_AUDIT_INDEX = { name: 'by-requested-at', hash: 'list_pk', range: 'list_sk' }

interface SyncItem {
  job_id: string
  list_pk: 'all'
  list_sk: string
  trigger: SyncTrigger
  status: SyncStatus
  /** Dates are ISO strings (or null) and come back as Date. */
  requested_at: string
  started_at: string | null
  finished_at: string | null
  counts: SyncCounts
  failures: SyncFailure[]
  error: string | null
  /** Absent when the sync has no backend job (yet). */
  external_job_id?: string
}

/** The sync audit trail on DynamoDB: one item per job, hash key `job_id`. */
export function createDynamoSyncAuditTrail({
  tableName = 'kb-sync-audit',
  client = new DynamoDBClient({}),
}: {
  tableName?: string
  client?: DynamoDBClient
} = {}): SyncAuditTrail {
  const documents = DynamoDBDocumentClient.from(client)
  return {
    async save(record) {
      await documents.send(new PutCommand({ TableName: tableName, Item: toItem(record) }))
    },
    async get(jobId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: { job_id: jobId }, ConsistentRead: true }),
      )
      return Item ? toRecord(Item as SyncItem) : null
    },
    async list(limit) {
      if (limit <= 0) return []
      // GSI reads are eventually consistent: a record saved a moment ago may be missing.
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: SYNC_AUDIT_INDEX.name,
          KeyConditionExpression: 'list_pk = :all',
          ExpressionAttributeValues: { ':all': 'all' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      )
      return Items.map((item) => toRecord(item as SyncItem))
    },
  }
}

function toItem(record: SyncRecord): SyncItem {
  const requestedAt = record.requestedAt.toISOString()
  return {
    job_id: record.jobId,
    list_pk: 'all',
    list_sk: `${requestedAt}#${record.jobId}`,
    trigger: record.trigger,
    status: record.status,
    requested_at: requestedAt,
    started_at: record.startedAt?.toISOString() ?? null,
    finished_at: record.finishedAt?.toISOString() ?? null,
    counts: record.counts,
    failures: record.failures,
    error: record.error,
    ...(record.externalJobId ? { external_job_id: record.externalJobId } : {}),
  }
}

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null)

function toRecord(item: SyncItem): SyncRecord {
  return {
    jobId: item.job_id,
    trigger: item.trigger,
    status: item.status,
    requestedAt: new Date(item.requested_at),
    startedAt: dateOrNull(item.started_at),
    finishedAt: dateOrNull(item.finished_at),
    counts: item.counts,
    failures: item.failures,
    error: item.error,
    ...(item.external_job_id ? { externalJobId: item.external_job_id } : {}),
  }
}
