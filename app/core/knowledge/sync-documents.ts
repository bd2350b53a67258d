import type { DocumentStore } from '../../ports/document-store.ts'
import type { SyncCounts, SyncFailure } from '../../ports/knowledge-base.ts'
import { type ChunkOptions, chunkPassages } from './chunk.ts'
import type { ChunkStore } from './chunk-store.ts'
import { isSupportedDocument, parseDocument } from './parse/index.ts'
import { emptyCounts, type SyncOutcome } from './sync-outcome.ts'

export interface SyncDeps {
  documents: DocumentStore
  chunks: ChunkStore
  chunking?: ChunkOptions
  onProgress?: (counts: SyncCounts) => void
}

export { emptyCounts, type SyncOutcome } from './sync-outcome.ts'

/**
 * Brings the chunk store in line with the document store: parses and chunks only documents whose
 * content hash changed, drops documents that are gone, and reports every document that failed
 * (its previous version, if any, stays indexed until it parses again).
 */
export async function syncDocuments(deps: SyncDeps): Promise<SyncOutcome> {
  const counts = emptyCounts()
  const failures: SyncFailure[] = []
  const indexed = await deps.chunks.documentHashes()
  const seen = new Set<string>()
  for await (const ref of deps.documents.list()) {
    counts.scanned++
    seen.add(ref.key)
    if (!isSupportedDocument(ref.key)) counts.skipped++
    else if (indexed.get(ref.key) === ref.contentHash) counts.unchanged++
    else {
      const outcome = await indexDocument(deps, ref.key, indexed.has(ref.key))
      if (typeof outcome === 'string') {
        counts.failed++
        failures.push({ documentKey: ref.key, reason: outcome })
      } else {
        counts[outcome.kind]++
        counts.chunks += outcome.chunks
      }
    }
    deps.onProgress?.(counts)
  }
  const gone = [...indexed.keys()].filter((key) => !seen.has(key))
  await deps.chunks.deleteDocuments(gone)
  counts.deleted = gone.length
  if (counts.added + counts.updated + counts.deleted > 0) await deps.chunks.bumpVersion()
  return { counts, failures }
}

/** Resolves what happened, or the reason it failed. */
async function indexDocument(
  deps: SyncDeps,
  key: string,
  known: boolean,
): Promise<{ kind: 'added' | 'updated'; chunks: number } | string> {
  try {
    const document = await deps.documents.get(key)
    if (!document) return 'the document disappeared during the sync'
    const parsed = await parseDocument({
      key,
      bytes: document.bytes,
      contentType: document.contentType,
    })
    const chunks = chunkPassages(parsed.passages, deps.chunking)
    await deps.chunks.replaceDocument({ ...document, title: parsed.title }, chunks)
    return { kind: known ? 'updated' : 'added', chunks: chunks.length }
  } catch (error) {
    return error instanceof Error
      ? 'reason' in error
        ? String(error.reason)
        : error.message
      : String(error)
  }
}
