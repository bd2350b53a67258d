/** A help document as the store lists it. */
export interface DocumentRef {
  /** Path-like key relative to the store root, `/`-separated (`markdown/faq/reset.md`). */
  key: string
  size: number
  lastModified: Date
  contentType: string
  /**
   * Changes whenever the document's bytes or its metadata sidecar change (local: SHA-256 of
   * both; S3: the ETags). Sync compares it to decide what to re-parse.
   */
  contentHash: string
  /**
   * Key=value attributes from the sidecar `<key>.metadata.json`
   * (`{ "metadataAttributes": { "category": "billing" } }`, Bedrock's convention); {} without one.
   */
  metadata: Record<string, string>
}

export interface StoredDocument extends DocumentRef {
  bytes: Uint8Array
}

export interface DocumentStore {
  /** Every document under `prefix` (sidecars excluded), in key order. */
  list(prefix?: string): AsyncIterable<DocumentRef>
  /** Resolves null when the key is absent; rejects only on real failures. */
  get(key: string): Promise<StoredDocument | null>
  /**
   * Calls `onChange` after documents change (embedded folder); resolves a function that stops
   * watching. Stores whose changes arrive as events elsewhere (S3 → EventBridge) omit it.
   */
  watch?(onChange: () => void): () => void
}

export const SIDECAR_SUFFIX = '.metadata.json'

/** Parses a Bedrock-style metadata sidecar into string attributes; throws on malformed JSON. */
export function parseSidecar(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text)
  const attributes =
    parsed && typeof parsed === 'object' && 'metadataAttributes' in parsed
      ? parsed.metadataAttributes
      : parsed
  if (!attributes || typeof attributes !== 'object') return {}
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue
    result[key] = typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
  return result
}
