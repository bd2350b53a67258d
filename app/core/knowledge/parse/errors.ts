/**
 * Why a document could not be turned into passages. `unsupported` means the format is not one we
 * read (callers usually answer 415); `unreadable` means the bytes are corrupt or not the format
 * their name claims (callers usually answer 400/422 or skip the file and log it).
 */
export type DocumentParseFailure = 'unsupported' | 'unreadable'

/** The only error `parseDocument` rejects with; `reason` is safe to show to the uploader. */
export class DocumentParseError extends Error {
  readonly key: string
  readonly reason: string
  readonly kind: DocumentParseFailure

  constructor({
    key,
    reason,
    kind = 'unreadable',
    cause,
  }: { key: string; reason: string; kind?: DocumentParseFailure; cause?: unknown }) {
    super(`Cannot parse document "${key}": ${reason}`, { cause })
    this.name = 'DocumentParseError'
    this.key = key
    this.reason = reason
    this.kind = kind
  }
}
