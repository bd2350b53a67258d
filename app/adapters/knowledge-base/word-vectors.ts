import { readFile } from 'node:fs/promises'
import { BUNDLED_WORD_VECTORS } from '../../core/knowledge/search/data/bundled.ts'
import { decodeVectorTable, type VectorTable } from '../../core/knowledge/search/vector-table.ts'

/** `bundled` (the app's GloVe table), `off`, or the path of a table in the same format. */
export type WordVectorsSetting = 'bundled' | 'off' | (string & {})

/**
 * Loads the word vectors on first use and keeps them (about 10 MB, ~0.2 s): a process that
 * never searches (the outbox relay, a sync-only Lambda) never reads the file. A missing or
 * malformed file rejects with its path, so the index build fails loudly instead of silently
 * ranking without them.
 */
export function wordVectorsLoader(
  setting: WordVectorsSetting,
): () => Promise<VectorTable | undefined> {
  if (setting === 'off') return async () => undefined
  const file = setting === 'bundled' ? BUNDLED_WORD_VECTORS : setting
  let loading: Promise<VectorTable> | undefined
  return () => {
    loading ??= readFile(file)
      .then((bytes) =>
        decodeVectorTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      )
      .catch((error: unknown) => {
        loading = undefined
        throw new Error(`word vectors ${file}: ${error instanceof Error ? error.message : error}`)
      })
    return loading
  }
}
