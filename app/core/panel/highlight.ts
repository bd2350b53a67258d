import { fold, tokenize } from '../knowledge/search/tokenize.ts'

export interface Segment {
  text: string
  /** True for a word that matches a query term (shown in `<mark>`). */
  match: boolean
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/**
 * Splits `text` into plain and matching segments. Words match by the retriever's own stems
 * ("refunds" matches "refund"), without stop words, so the marks show why a passage came up.
 * Segments are plain text: the view escapes them, so no markup from a ticket or document
 * can reach the page.
 */
export function highlight(text: string, query: string): Segment[] {
  const terms = new Set(tokenize(query))
  if (terms.size === 0) return text ? [{ text, match: false }] : []
  const segments: Segment[] = []
  let last = 0
  for (const found of text.matchAll(WORD)) {
    const word = found[0]
    const [term] = tokenize(word)
    if (term === undefined || !terms.has(term) || fold(word).length < 2) continue
    if (found.index > last) segments.push({ text: text.slice(last, found.index), match: false })
    segments.push({ text: word, match: true })
    last = found.index + word.length
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments
}
