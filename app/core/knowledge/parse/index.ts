import type { ParsedDocument } from '../types.ts'
import { parseCsv } from './csv.ts'
import { parseDocx } from './docx.ts'
import { DocumentParseError } from './errors.ts'
import { parseHtml } from './html.ts'
import { parseMarkdown } from './markdown.ts'
import { extensionOf, titleFromKey } from './names.ts'
import { parsePdf } from './pdf.ts'
import { parseText } from './text.ts'
import type { Parser, ParserInput } from './types.ts'

export { DocumentParseError, type DocumentParseFailure } from './errors.ts'
export type { ParserInput } from './types.ts'

const BY_EXTENSION: Record<string, Parser> = {
  '.pdf': parsePdf,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.txt': parseText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.docx': parseDocx,
  '.csv': parseCsv,
}

const BY_CONTENT_TYPE: Record<string, Parser> = {
  'application/pdf': parsePdf,
  'text/html': parseHtml,
  'application/xhtml+xml': parseHtml,
  'text/plain': parseText,
  'text/markdown': parseMarkdown,
  'text/x-markdown': parseMarkdown,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': parseDocx,
  'text/csv': parseCsv,
  'application/csv': parseCsv,
}

/** Extensions `parseDocument` reads, lower case with the dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(BY_EXTENSION))

/** Upper bound on one parse; a parser that stalls (never settles) must not stall ingestion. */
const PARSE_TIMEOUT_MS = 60_000

/** True when the key's extension (any case) is one `parseDocument` reads. */
export function isSupportedDocument(key: string): boolean {
  return extensionOf(key) in BY_EXTENSION
}

/**
 * Extracts a title and passages from a stored document. The parser is chosen by the key's
 * extension, else by `contentType`. Rejects only with `DocumentParseError`: `kind: 'unsupported'`
 * for a format we do not read, `'unreadable'` for corrupt bytes. An empty file or a document
 * without text resolves with zero passages.
 */
export async function parseDocument(input: ParserInput): Promise<ParsedDocument> {
  const parser = pickParser(input)
  if (input.bytes.byteLength === 0) return { title: titleFromKey(input.key), passages: [] }
  try {
    return await withTimeout(
      Promise.resolve().then(() => parser(input)),
      PARSE_TIMEOUT_MS,
    )
  } catch (error) {
    if (error instanceof DocumentParseError) throw error
    const detail = error instanceof Error ? error.message : String(error)
    throw new DocumentParseError({
      key: input.key,
      reason: `unreadable file (${detail})`,
      cause: error,
    })
  }
}

function pickParser({ key, contentType }: ParserInput): Parser {
  const extension = extensionOf(key)
  const mime = contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? ''
  const parser = BY_EXTENSION[extension] ?? BY_CONTENT_TYPE[mime]
  if (parser) return parser
  const what = extension ? `"${extension}" files` : `content type "${mime || 'unknown'}"`
  throw new DocumentParseError({ key, kind: 'unsupported', reason: `unsupported type: ${what}` })
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`parsing took longer than ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
