import type { ParsedDocument } from '../types.ts'

/** What every format parser receives: the storage key (for its name), raw bytes, a MIME hint. */
export interface ParserInput {
  key: string
  bytes: Uint8Array
  contentType?: string
}

export type Parser = (input: ParserInput) => ParsedDocument | Promise<ParsedDocument>
