import type { ParsedDocument } from '../types.ts'
import { decodeUndeclared } from './decode.ts'
import { cleanInline, protectCode, stripHtml } from './markdown-inline.ts'
import { splitFrontMatter, stripTemplating } from './markdown-source.ts'
import { titleFromKey } from './names.ts'
import { SectionCollector } from './sections.ts'
import type { ParserInput } from './types.ts'

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/

/**
 * Markdown (including Jekyll pages): one passage per section, headings as `headingPath`.
 * Title: front matter `title`, else the first `# ` heading, else the file name.
 */
export function parseMarkdown({ key, bytes }: ParserInput): ParsedDocument {
  const source = decodeUndeclared(bytes).replace(/\r\n?/g, '\n')
  const { data, body } = splitFrontMatter(source)
  const { text, restore } = protectCode(stripTemplating(body, data))
  const { passages, firstH1 } = collectSections(stripHtml(text).split('\n'), restore)
  const title = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : undefined
  return { title: title ?? firstH1 ?? titleFromKey(key), passages }
}

/** Walks the lines: ATX and setext headings open sections, everything else is cleaned text. */
function collectSections(lines: string[], restore: (text: string) => string) {
  const sections = new SectionCollector()
  let firstH1: string | undefined
  let paragraph: string[] = []
  const heading = (level: number, raw: string) => {
    sections.text(restore(paragraph.join('\n').replace(/\n{3,}/g, '\n\n')))
    paragraph = []
    const title = restore(cleanInline(raw))
    sections.heading(level, title)
    if (level === 1 && title && !firstH1) firstH1 = title
  }
  for (const line of lines) {
    const atx = line.match(ATX)
    const setext = line.match(SETEXT)
    const previous = paragraph.at(-1)
    if (atx) heading(atx[1]?.length ?? 1, atx[2] ?? '')
    else if (setext && previous && !/^(?:- |\d+\. )/.test(previous)) {
      paragraph.pop()
      heading(setext[1]?.startsWith('=') ? 1 : 2, previous)
    } else if (RULE.test(line) || TABLE_RULE.test(line) || LINK_DEFINITION.test(line)) continue
    else paragraph.push(line.trim() ? cleanInline(line) : '')
  }
  heading(1, '') // flushes the last section; an empty heading opens none
  return { passages: sections.passages, firstH1 }
}
