import iconv from 'iconv-lite'

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/** The encoding announced by a byte-order mark, if any; BOMs win over any declaration. */
export function bomEncoding(bytes: Uint8Array): string | undefined {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  return undefined
}

/**
 * Decodes with a declared charset when iconv-lite knows it, else UTF-8. ISO-8859-1 and ASCII are
 * read as windows-1252, as browsers do (WHATWG Encoding), so `0x93`/`0x94` become curly quotes.
 * The BOM is stripped; bytes invalid in UTF-8 become U+FFFD instead of throwing.
 */
export function decodeBytes(bytes: Uint8Array, charset?: string): string {
  const declared = bomEncoding(bytes) ?? normaliseCharset(charset)
  const encoding = declared && iconv.encodingExists(declared) ? declared : 'utf-8'
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/**
 * Decodes a plain-text file that declares nothing (TXT, Markdown, CSV): UTF-8 when the bytes are
 * valid UTF-8, else windows-1252, the usual encoding of legacy exports from Windows tools.
 */
export function decodeUndeclared(bytes: Uint8Array): string {
  if (bomEncoding(bytes)) return decodeBytes(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return decodeBytes(bytes, 'windows-1252')
  }
}

/** `charset=...` of a Content-Type header value, if present. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1]
}

function normaliseCharset(charset: string | undefined): string | undefined {
  const name = charset?.trim().toLowerCase()
  if (!name) return undefined
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii'].includes(name)) {
    return 'windows-1252'
  }
  return name
}
