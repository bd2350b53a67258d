import type { Config } from '../config.ts'

/** Which adapter each port gets, decided from the config's URLs alone (no I/O). */
export interface AdapterPlan {
  database:
    | { kind: 'pglite' | 'postgres'; url: string }
    | {
        kind: 'postgres-secret'
        secretId: string
        fallback: { host?: string; port?: number; dbname?: string }
        sslmode?: string
      }
  queue:
    | { kind: 'sql'; name: string }
    | { kind: 'sqs'; queueUrl: string; deadLetterQueueUrl: string; maxReceiveCount: number }
  documents: { kind: 'folder'; root: string } | { kind: 's3'; bucket: string; prefix: string }
  interactions: TablePlan
  syncAudit: TablePlan
  knowledgeBase:
    | { kind: 'local' }
    | {
        kind: 'bedrock'
        knowledgeBaseId: string
        dataSourceId: string
        /** OpenSearch Serverless: Bedrock searches HYBRID; S3 Vectors: fused with our keyword index. */
        hybrid: boolean
      }
  drafts: { kind: 'off' | 'extractive' } | { kind: 'bedrock'; modelArn: string }
}

export type TablePlan = { kind: 'sql' } | { kind: 'dynamodb'; tableName: string }

/** One `kind` per port; the config has already rejected malformed URLs and bad combinations. */
export function planAdapters(config: Config): AdapterPlan {
  return {
    database: config.DATABASE_SECRET_ARN
      ? {
          kind: 'postgres-secret',
          secretId: config.DATABASE_SECRET_ARN,
          fallback: {
            host: config.DATABASE_HOST,
            port: config.DATABASE_PORT,
            dbname: config.DATABASE_NAME,
          },
          sslmode: config.DATABASE_SSLMODE,
        }
      : {
          kind: config.DATABASE_URL.startsWith('pglite://') ? 'pglite' : 'postgres',
          url: config.DATABASE_URL,
        },
    queue: config.QUEUE_URL.startsWith('sql://')
      ? { kind: 'sql', name: config.QUEUE_URL.slice('sql://'.length) || 'tickets' }
      : {
          kind: 'sqs',
          queueUrl: config.QUEUE_URL,
          deadLetterQueueUrl: config.DEAD_LETTER_QUEUE_URL ?? '',
          maxReceiveCount: config.QUEUE_MAX_RECEIVES,
        },
    documents: documentsPlan(config.DOCUMENTS_URL),
    interactions: tablePlan(config.INTERACTIONS_TABLE),
    syncAudit: tablePlan(config.SYNC_AUDIT_TABLE),
    knowledgeBase: knowledgeBasePlan(config),
    drafts: draftsPlan(config),
  }
}

function knowledgeBasePlan(config: Config): AdapterPlan['knowledgeBase'] {
  if (!config.KNOWLEDGE_BASE_ID || !config.KNOWLEDGE_BASE_DATA_SOURCE_ID) return { kind: 'local' }
  return {
    kind: 'bedrock',
    knowledgeBaseId: config.KNOWLEDGE_BASE_ID,
    dataSourceId: config.KNOWLEDGE_BASE_DATA_SOURCE_ID,
    hybrid: config.KNOWLEDGE_BASE_VECTOR_STORE === 'opensearch-serverless',
  }
}

/**
 * Bedrock drafts cost tokens, so they exist only when a model is named; the local knowledge base
 * offers extractive drafts unless turned off. A Bedrock knowledge base without a model: none.
 */
function draftsPlan(config: Config): AdapterPlan['drafts'] {
  if (config.DRAFT_MODEL_ARN) return { kind: 'bedrock', modelArn: config.DRAFT_MODEL_ARN }
  if (config.KNOWLEDGE_BASE_ID || !config.DRAFTS_ENABLED) return { kind: 'off' }
  return { kind: 'extractive' }
}

/** `s3://bucket/kb/` → bucket and prefix `kb/` (a prefix without a trailing slash gets one). */
function documentsPlan(url: string): AdapterPlan['documents'] {
  if (url.startsWith('file://')) return { kind: 'folder', root: url.slice('file://'.length) }
  const [bucket = '', ...rest] = url.slice('s3://'.length).split('/')
  const path = rest.join('/')
  return { kind: 's3', bucket, prefix: path === '' || path.endsWith('/') ? path : `${path}/` }
}

function tablePlan(url: string): TablePlan {
  if (url.startsWith('dynamodb://'))
    return { kind: 'dynamodb', tableName: url.slice('dynamodb://'.length) }
  return { kind: 'sql' }
}

/** `{ database: 'pglite', queue: 'sql', ... }`: for the boot log, never the URLs themselves. */
export function adapterKinds(plan: AdapterPlan): Record<keyof AdapterPlan, string> {
  return {
    database: plan.database.kind,
    queue: plan.queue.kind,
    documents: plan.documents.kind,
    interactions: plan.interactions.kind,
    syncAudit: plan.syncAudit.kind,
    knowledgeBase: plan.knowledgeBase.kind,
    drafts: plan.drafts.kind,
  }
}
