import type { ParsedDocument } from '../types.ts'
import { bomEncoding, charsetOfContentType, decodeBytes } from './decode.ts'
import { htmlToDocument } from './html-sections.ts'
import { titleFromKey } from './names.ts'
import type { ParserInput } from './types.ts'

/** How far into the file a charset declaration is looked for (HTML's prescan reads 1024). */
const SNIFF_BYTES = 4096

/** HTML/XHTML: decoded with BOM > Content-Type charset > <meta> > XML declaration > UTF-8. */
export function parseHtml({ key, bytes, contentType }: ParserInput): ParsedDocument {
  const charset = bomEncoding(bytes) ?? charsetOfContentType(contentType) ?? sniffCharset(bytes)
  const html = decodeBytes(bytes, charset)
  return htmlToDocument(html, { fallbackTitle: titleFromKey(key) })
}

/** The charset declared in the markup, read from its ASCII-compatible head. */
export function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1')
  let declared: string | undefined
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    declared = tag.match(/charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1]
    if (declared) break
  }
  declared ??= head.match(/^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i)?.[1]
  // Bytes that an ASCII scan can read are not UTF-16, whatever the page claims (WHATWG rule).
  return declared?.toLowerCase().startsWith('utf-16') ? 'utf-8' : declared
}
