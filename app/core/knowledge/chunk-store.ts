import type { SqlDatabase } from '../../ports/sql.ts'
import type { IndexedChunk } from './search/index.ts'
import type { Chunk, SourceLocation } from './types.ts'

export interface IndexedDocument {
  key: string
  contentHash: string
  title: string
  contentType: string
  size: number
  metadata: Record<string, string>
}

export interface StoredChunk extends IndexedChunk {
  location: SourceLocation
}

/**
 * The knowledge base's chunks and document fingerprints in SQL (PGlite embedded, RDS on AWS,
 * where they are the keyword partner of Bedrock's vector search). Survives restarts.
 */
export interface ChunkStore {
  /** key → content hash of every indexed document. */
  documentHashes(): Promise<Map<string, string>>
  /** Replaces a document's chunks and fingerprint in one transaction. */
  replaceDocument(document: IndexedDocument, chunks: Chunk[]): Promise<void>
  deleteDocuments(keys: string[]): Promise<void>
  /** Marks the index changed; readers rebuild their in-memory index when the version moves. */
  bumpVersion(): Promise<number>
  version(): Promise<number>
  loadChunks(): Promise<StoredChunk[]>
}

interface ChunkRow {
  id: string
  document_key: string
  title: string
  text: string
  location: SourceLocation
  metadata: Record<string, string>
}

export function createSqlChunkStore({ db }: { db: SqlDatabase }): ChunkStore {
  return {
    async documentHashes() {
      const rows = await db.query<{ key: string; content_hash: string }>(
        'SELECT key, content_hash FROM kb_documents',
      )
      return new Map(rows.map((row) => [row.key, row.content_hash]))
    },
    replaceDocument: (document, chunks) =>
      db.transaction(async (tx) => {
        await tx.query('DELETE FROM kb_documents WHERE key = $1', [document.key])
        await tx.query(
          `INSERT INTO kb_documents (key, content_hash, title, content_type, size_bytes, metadata, chunk_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            document.key,
            document.contentHash,
            document.title,
            document.contentType,
            document.size,
            document.metadata,
            chunks.length,
          ],
        )
        if (chunks.length === 0) return
        await tx.query(
          `INSERT INTO kb_chunks (id, document_key, ordinal, text, token_count, location)
           SELECT $1 || '#' || ordinal, $1, ordinal, text, token_count, location::jsonb
           FROM unnest($2::int[], $3::text[], $4::int[], $5::text[]) AS t (ordinal, text, token_count, location)`,
          [
            document.key,
            chunks.map((c) => c.ordinal),
            chunks.map((c) => c.text),
            chunks.map((c) => c.tokenCount),
            chunks.map((c) => JSON.stringify(c.location)),
          ],
        )
      }),
    async deleteDocuments(keys) {
      if (keys.length)
        await db.query('DELETE FROM kb_documents WHERE key = ANY($1::text[])', [keys])
    },
    async bumpVersion() {
      const [row] = await db.query<{ version: number }>(
        'UPDATE kb_state SET version = version + 1 WHERE id = 1 RETURNING version',
      )
      return row?.version ?? 0
    },
    async version() {
      const [row] = await db.query<{ version: number }>('SELECT version FROM kb_state WHERE id = 1')
      return row?.version ?? 0
    },
    async loadChunks() {
      const rows = await db.query<ChunkRow>(
        `SELECT c.id, c.document_key, d.title, c.text, c.location, d.metadata
         FROM kb_chunks c JOIN kb_documents d ON d.key = c.document_key
         ORDER BY c.document_key, c.ordinal`,
      )
      return rows.map((row) => ({
        id: row.id,
        documentKey: row.document_key,
        title: row.title,
        text: row.text,
        headingPath: row.location.headingPath,
        location: row.location,
        metadata: row.metadata,
      }))
    },
  }
}
