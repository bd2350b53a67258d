import { tokenize } from '../../core/knowledge/search/tokenize.ts'
import type { Draft, DraftRequest, DraftWriter } from '../../ports/draft-writer.ts'
import type { KnowledgeBase, RetrievedChunk } from '../../ports/knowledge-base.ts'

export interface ExtractiveDraftWriterOptions {
  knowledgeBase: Pick<KnowledgeBase, 'retrieve'>
  /** Passages to draw from, and so at most this many sentences (default 3). */
  maxPassages?: number
  /** Passages below this are not used (default 0.5, the knowledge base's default). */
  minScore?: number
}

const GREETING = 'Hello,\n\nThank you for getting in touch.'
const CLOSING =
  'If this does not solve the problem, reply to this message and we will look into it further.'
const SIGN_OFF = 'Best regards'
const NOTHING_FOUND = 'We are looking into your request and will get back to you shortly.'
/** Shorter ones are fragments, longer ones walls of text; headings lack the final stop. */
const SENTENCE_CHARS = { min: 20, max: 400 }
const MAX_QUERY_CHARS = 2_000

/**
 * The embedded draft writer, with no model: a greeting, the sentence of each of the top
 * passages that best covers the ticket's words (1 to 3, each with its source), and a closing.
 */
export function createExtractiveDraftWriter({
  knowledgeBase,
  maxPassages = 3,
  minScore = 0.5,
}: ExtractiveDraftWriterOptions): DraftWriter {
  return {
    async draft({ subject, description, filters }: DraftRequest): Promise<Draft> {
      const query = `${subject}\n${description}`.slice(0, MAX_QUERY_CHARS)
      const passages = await knowledgeBase.retrieve(query, {
        maxResults: maxPassages,
        minScore,
        filters,
      })
      const picked = pickSentences(query, passages)
      const body = picked.length
        ? `${picked.map(({ sentence, chunk }) => `${sentence} (source: ${chunk.title})`).join('\n')}\n\n${CLOSING}`
        : NOTHING_FOUND
      return {
        text: `${GREETING}\n\n${body}\n\n${SIGN_OFF}`,
        citations: picked.map(({ chunk }) => ({
          documentKey: chunk.documentKey,
          chunkId: chunk.chunkId,
          text: chunk.text,
        })),
        generator: 'extractive',
      }
    },
  }
}

/**
 * The best sentence of each passage that shares a word with the query, best passage first;
 * a sentence already picked (overlapping chunks repeat text) is not picked twice.
 */
function pickSentences(query: string, passages: RetrievedChunk[]) {
  const wanted = new Set(tokenize(query, { dropFiller: true }))
  const used = new Set<string>()
  return passages.flatMap((chunk) => {
    let best: { sentence: string; score: number } | null = null
    for (const sentence of sentencesOf(chunk.text)) {
      if (used.has(sentence)) continue
      const terms = new Set(tokenize(sentence))
      const shared = [...terms].filter((term) => wanted.has(term)).length
      const score = shared / Math.sqrt(terms.size || 1)
      if (shared > 0 && (!best || score > best.score)) best = { sentence, score }
    }
    if (!best) return []
    used.add(best.sentence)
    return [{ sentence: best.sentence, chunk }]
  })
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^\s*(?:[-*•#>]+|\d+\.)\s*/, '').trim())
    .filter((s) => s.length >= SENTENCE_CHARS.min && s.length <= SENTENCE_CHARS.max)
    .filter((s) => /[.!?]["'”’)]*$/.test(s))
}
