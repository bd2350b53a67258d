import { readdir, readFile } from 'node:fs/promises'
import { basename, extname, join, relative, sep } from 'node:path'
import { chunkPassages } from '../../app/core/knowledge/chunk.ts'
import { isSupportedDocument, parseDocument } from '../../app/core/knowledge/parse/index.ts'
import type { IndexedChunk } from '../../app/core/knowledge/search/index.ts'

/** Files under dir that parseDocument reads, as sorted '/'-separated paths relative to dir. */
export async function listDocuments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && isSupportedDocument(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

/** doc2dial file naming: `<domain>/<doc id>--<slug>.md` -> `<doc id>`. */
export const docIdOf = (documentKey: string): string =>
  basename(documentKey, extname(documentKey)).split('--')[0] ?? documentKey

/** Every supported file under dir through parseDocument -> chunkPassages, as IndexedChunks. */
export async function ingest(dir: string): Promise<{ chunks: IndexedChunk[]; documents: number }> {
  const keys = await listDocuments(dir)
  const chunks: IndexedChunk[] = []
  for (const key of keys) {
    const file = await readFile(join(dir, key))
    // A plain Uint8Array view, as the folder document store passes: pdf.js refuses a Buffer.
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength)
    const parsed = await parseDocument({ key, bytes })
    for (const c of chunkPassages(parsed.passages))
      chunks.push({
        id: `${key}#${c.ordinal}`,
        documentKey: key,
        title: parsed.title,
        text: c.text,
        headingPath: c.location.headingPath,
        metadata: {},
      })
  }
  return { chunks, documents: keys.length }
}
