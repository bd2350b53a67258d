import type { Logger } from '../../observability/logger.ts'
import type { DocumentStore } from '../../ports/document-store.ts'
import type { KnowledgeBase } from '../../ports/knowledge-base.ts'

/**
 * Embedded twin of S3 → EventBridge → sync: a change in the documents folder starts a sync
 * once the folder has been quiet for `debounceMs` (an editor's save is several events).
 * Resolves a function that stops watching; a store that cannot watch yields a no-op.
 */
export function watchDocuments({
  documents,
  knowledgeBase,
  debounceMs,
  logger,
}: {
  documents: DocumentStore
  knowledgeBase: KnowledgeBase
  debounceMs: number
  logger: Logger
}): () => void {
  if (!documents.watch) return () => {}
  let timer: NodeJS.Timeout | undefined
  const stopWatching = documents.watch(() => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      knowledgeBase
        .startSync('file_change')
        .catch((error) => logger.error('could not start a sync after a file change', { error }))
    }, debounceMs)
  })
  return () => {
    clearTimeout(timer)
    stopWatching()
  }
}
