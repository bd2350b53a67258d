import type { Context, EventBridgeEvent } from 'aws-lambda'
import { planAdapters } from '../../adapters/plan.ts'
import type { Config } from '../../config.ts'
import type { StartedSync } from '../../ports/knowledge-base.ts'
import type { HandlerDeps } from './http.ts'

/** The `detail` of S3's EventBridge notifications ("Object Created", "Object Deleted"). */
export interface S3ObjectDetail {
  bucket: { name: string }
  object: { key: string; size?: number; etag?: string }
  reason?: string
}

export type S3ObjectEvent = EventBridgeEvent<'Object Created' | 'Object Deleted', S3ObjectDetail>

/** EventBridge's scheduled rule (every 5 minutes): take up a sync left waiting on a conflict. */
export type ScheduledSyncEvent = EventBridgeEvent<'Scheduled Event', Record<string, never>>

/**
 * S3 → EventBridge → a knowledge-base sync (trigger `s3_event`). A burst of uploads is coalesced
 * by the knowledge base, not here. The handler waits until the sync is handed over (Bedrock's
 * ingestion job offered, the local index's run finished): a frozen container runs no timers and
 * would otherwise stop it half-way.
 */
export function createDocumentSyncHandler({ deps, observability }: HandlerDeps) {
  return async (
    event: S3ObjectEvent | ScheduledSyncEvent,
    context?: Context,
  ): Promise<StartedSync | { ignored: string } | { resumed: StartedSync | null }> => {
    const current = await deps()
    observability.begin(context, event.id)
    const logger = observability.logger.child({ event_id: event.id, correlation_id: event.id })
    try {
      if (event['detail-type'] === 'Scheduled Event') {
        // A job that met a ConflictException in a container since frozen or recycled.
        const resumed = await current.resumeWaitingSync()
        if (resumed) logger.info('waiting sync resumed', { ...resumed })
        await current.settleSyncs()
        return { resumed }
      }
      const ignored = whyIgnored(current.config, event)
      if (ignored) {
        logger.info('document event ignored', { reason: ignored })
        return { ignored }
      }
      const started = await current.knowledgeBase.startSync('s3_event')
      observability.count('SyncsRequested')
      logger.info('knowledge base sync requested', { ...started, event: event['detail-type'] })
      await current.settleSyncs()
      return started
    } finally {
      observability.end()
    }
  }
}

/** Events for another bucket or outside the documents prefix do not concern the knowledge base. */
function whyIgnored(config: Config, event: S3ObjectEvent): string | null {
  const documents = planAdapters(config).documents
  if (documents.kind !== 's3') return null
  if (event.detail.bucket.name !== documents.bucket) return 'another bucket'
  if (!event.detail.object.key.startsWith(documents.prefix)) return 'outside the documents prefix'
  return null
}
