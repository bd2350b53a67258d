import { extractText, getDocumentProxy, getMeta } from 'unpdf'
import type { ParsedDocument, Passage } from '../types.ts'
import { titleFromKey } from './names.ts'
import type { ParserInput } from './types.ts'

/** One passage per page with text; scanned pages without a text layer give none. */
export async function parsePdf({ key, bytes }: ParserInput): Promise<ParsedDocument> {
  // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
  const pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 })
  try {
    const { info } = await getMeta(pdf)
    const { text } = await extractText(pdf, { mergePages: false })
    const passages: Passage[] = []
    text.forEach((pageText, index) => {
      const clean = cleanPage(pageText)
      if (clean) passages.push({ text: clean, location: { page: index + 1 } })
    })
    return { title: metadataTitle(info) ?? firstLine(passages) ?? titleFromKey(key), passages }
  } finally {
    await pdf.destroy()
  }
}

/** pdf.js keeps the layout's line breaks; runs of spaces and blank lines carry no meaning. */
function cleanPage(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

function metadataTitle(info: Record<string, unknown>): string | undefined {
  const title = typeof info.Title === 'string' ? info.Title.trim() : ''
  return title || undefined
}

function firstLine(passages: Passage[]): string | undefined {
  return passages[0]?.text.split('\n', 1)[0]?.trim() || undefined
}
