import mammoth from 'mammoth'
import type { ParsedDocument } from '../types.ts'
import { htmlToDocument } from './html-sections.ts'
import { titleFromKey } from './names.ts'
import type { ParserInput } from './types.ts'

/**
 * Word's built-in "Title" style is a heading in all but name; table-of-contents paragraphs repeat
 * the headings with page numbers and would only add noise.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name^='toc '] => !",
  "p[style-name^='TOC '] => !",
]

/** DOCX through mammoth's HTML, so Word headings become sections. Images are never decoded. */
export async function parseDocx({ key, bytes }: ParserInput): Promise<ParsedDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const { value: html } = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      // An uploaded file must never make us read other files on this machine.
      externalFileAccess: false,
    },
  )
  return htmlToDocument(html, { fallbackTitle: titleFromKey(key) })
}
