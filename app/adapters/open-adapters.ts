import { resolve } from 'node:path'
import type { DocumentStore } from '../ports/document-store.ts'
import type { InteractionLog } from '../ports/interaction-log.ts'
import type { SqlDatabase } from '../ports/sql.ts'
import type { SyncAuditTrail } from '../ports/sync-audit.ts'
import type { TicketQueue } from '../ports/ticket-queue.ts'
import type { AwsClients } from './aws-clients.ts'
import { createFolderDocumentStore } from './document-store/fs.ts'
import { createS3DocumentStore } from './document-store/s3.ts'
import { createDynamoInteractionLog } from './interaction-log/dynamodb.ts'
import { createSqlInteractionLog } from './interaction-log/sql.ts'
import type { AdapterPlan, TablePlan } from './plan.ts'
import { createSecretDatabaseUrl, isAuthFailure } from './secrets/database-url.ts'
import { openDatabase } from './sql/open.ts'
import { createRotatingPostgresDatabase } from './sql/postgres.ts'
import { createDynamoSyncAuditTrail } from './sync-audit/dynamodb.ts'
import { createSqlSyncAuditTrail } from './sync-audit/sql.ts'
import { createSqlTicketQueue } from './ticket-queue/sql.ts'
import { createSqsTicketQueue } from './ticket-queue/sqs.ts'

/** The planned database; a secret's URL is cached and re-read when the password rotates. */
export async function openPlannedDatabase(
  plan: AdapterPlan['database'],
  clients: AwsClients,
): Promise<SqlDatabase> {
  if (plan.kind !== 'postgres-secret') return openDatabase(plan.url)
  const source = createSecretDatabaseUrl({
    secretId: plan.secretId,
    fallback: plan.fallback,
    params: plan.sslmode ? { sslmode: plan.sslmode } : {},
    client: clients.secrets,
  })
  // One container serves one request at a time: a small pool is enough (docs/aws.md).
  return createRotatingPostgresDatabase({ source, isAuthFailure, max: 2 })
}

export function openPlannedQueue(
  plan: AdapterPlan['queue'],
  { db, clients, visibilityTimeoutMs }: PlanContext & { visibilityTimeoutMs: number },
): TicketQueue {
  if (plan.kind === 'sql')
    return createSqlTicketQueue({
      db,
      queue: plan.name,
      defaultVisibilityTimeoutMs: visibilityTimeoutMs,
    })
  const { queueUrl, deadLetterQueueUrl, maxReceiveCount } = plan
  return createSqsTicketQueue({
    queueUrl,
    deadLetterQueueUrl,
    maxReceiveCount,
    client: clients.sqs,
  })
}

export function openPlannedDocuments(
  plan: AdapterPlan['documents'],
  clients: AwsClients,
): DocumentStore {
  if (plan.kind === 'folder') return createFolderDocumentStore({ root: resolve(plan.root) })
  return createS3DocumentStore({ bucket: plan.bucket, prefix: plan.prefix, client: clients.s3 })
}

export function openPlannedInteractionLog(plan: TablePlan, context: PlanContext): InteractionLog {
  if (plan.kind === 'sql') return createSqlInteractionLog({ db: context.db })
  return createDynamoInteractionLog({ tableName: plan.tableName, client: context.clients.dynamodb })
}

export function openPlannedSyncAudit(plan: TablePlan, context: PlanContext): SyncAuditTrail {
  if (plan.kind === 'sql') return createSqlSyncAuditTrail({ db: context.db })
  return createDynamoSyncAuditTrail({ tableName: plan.tableName, client: context.clients.dynamodb })
}

interface PlanContext {
  db: SqlDatabase
  clients: AwsClients
}
