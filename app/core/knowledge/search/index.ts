import { buildCorpus, type Corpus, type FieldWeights } from './corpus.ts'
import { type EmbeddingOptions, relatedTerms } from './embeddings.ts'
import { type ExpansionOptions, expandQuery } from './expand.ts'
import { fuseScores, rank } from './fusion.ts'
import type { LsaOptions } from './lsa.ts'
import { queryTerms } from './pairs.ts'
import type { PassageOptions } from './passages.ts'
import { calibrate } from './score.ts'
import type { SoftMatchOptions } from './soft-match.ts'
import { keptWords, stemWords } from './tokenize.ts'
import type { IndexedChunk, SearchHit, SearchIndex } from './types.ts'
import type { VectorTable } from './vector-table.ts'

export type { IndexedChunk, SearchHit, SearchIndex, SearchOptions } from './types.ts'

/** Engine settings; the defaults are the measured best (docs/knowledge-base-retrieval.md). */
export interface SearchIndexOptions {
  /** Porter stemming (default true). */
  stem?: boolean
  /** Drop English stop words (default true). */
  stopWords?: boolean
  /** Drop conversational filler from queries (default true). */
  dropFiller?: boolean
  fieldWeights?: FieldWeights
  /** BM25 term-frequency saturation (default 1.2). */
  k1?: number
  /** BM25 length normalisation: one value, or one per field (default title 0, headings 0, text 0.75). */
  b?: number | number[]
  /** Share of a chunk's score taken from its whole document (default 0.3; 0 disables). */
  documentWeight?: number
  /** Latent semantic analysis of the corpus; false disables. */
  lsa?: LsaOptions | false
  /** Share of the score from latent-space cosine (default 0.2). */
  semanticWeight?: number
  /** Windows scored inside each chunk (default 48 index terms, stride 24); false disables. */
  passages?: PassageOptions | false
  /** Share of a chunk's lexical score from its best window (default 0.5). */
  passageWeight?: number
  /**
   * Share of the document score from the title-match cosine (default 0.5 when titles
   * outweigh the body in `fieldWeights`, else 0: flat weights mean titles are not special).
   */
  titleWeight?: number
  /** Weight of each adjacent query-term pair relative to a term (default 0.3; 0 disables). */
  pairWeight?: number
  /** Word vectors learned from the corpus, lending query terms their neighbours (default off). */
  embeddings?: EmbeddingOptions | false
  /** Pseudo-relevance feedback (default off: it hurt). */
  expansion?: ExpansionOptions | false
  /**
   * Pre-trained word vectors (data/bundled.ts has the app's): with them, query words also
   * match their near words in a chunk (`softMatch`). The engine does no I/O, so the caller
   * loads them; without them the soft match is off.
   */
  wordVectors?: VectorTable
  /** Soft term matching by the word vectors (default weight 0.1, cosine ≥ 0.6); false disables. */
  softMatch?: SoftMatchOptions | false
}

const DEFAULTS = {
  stem: true,
  stopWords: true,
  dropFiller: true,
  fieldWeights: { title: 10, headings: 4, text: 1 },
  k1: 1.2,
  b: [0, 0, 0.75] as number | number[],
  documentWeight: 0.3,
  expansion: false as ExpansionOptions | false,
  lsa: { rank: 50, powerIterations: 1 } as LsaOptions | false,
  semanticWeight: 0.2,
  passages: { size: 48, stride: 24 } as PassageOptions | false,
  passageWeight: 0.5,
  titleWeight: 0.5,
  pairWeight: 0.3,
  embeddings: false as EmbeddingOptions | false,
  softMatch: { weight: 0.1, minCosine: 0.6 } as SoftMatchOptions | false,
} satisfies Required<Omit<SearchIndexOptions, 'wordVectors'>>

/** Defaults under the given options; flat field weights also switch the title match off. */
function resolve(
  options: SearchIndexOptions,
): typeof DEFAULTS & Pick<SearchIndexOptions, 'wordVectors'> {
  const given = Object.entries(options).filter(([, v]) => v !== undefined)
  const o: typeof DEFAULTS & Pick<SearchIndexOptions, 'wordVectors'> = {
    ...DEFAULTS,
    ...Object.fromEntries(given),
  }
  if (options.titleWeight === undefined && o.fieldWeights.title <= o.fieldWeights.text)
    o.titleWeight = 0
  return o
}

/** Builds an in-memory index; pure and deterministic (same input, same hits). */
export function createSearchIndex(
  chunks: IndexedChunk[],
  options: SearchIndexOptions = {},
): SearchIndex {
  const o = resolve(options)
  const tokens = { stem: o.stem, stopWords: o.stopWords }
  const corpus = buildCorpus([...chunks], {
    weights: o.fieldWeights,
    tokens,
    bm25: { k1: o.k1, b: typeof o.b === 'number' ? [o.b, o.b, o.b] : o.b },
    lsa: o.lsa,
    passages: o.passages,
    embeddings: o.embeddings,
    pairs: o.pairWeight > 0,
    softMatch:
      o.wordVectors && o.softMatch && o.softMatch.weight > 0
        ? { vectors: o.wordVectors, minCosine: o.softMatch.minCosine }
        : undefined,
  })
  const related = (query: Map<string, number>) =>
    o.embeddings && corpus.words ? relatedTerms(corpus.words, query, o.embeddings) : undefined
  const queryTokens = { ...tokens, dropFiller: o.dropFiller }
  // Query words for the soft match, each weighted by the idf of its index term.
  const softQuery = (words: string[], terms: string[]) =>
    words.map((word, i) => [word, corpus.chunkIndex.idf(terms[i] ?? word)] as const)

  return {
    size: corpus.chunks.length,
    search(text, { maxResults = 3, minScore = 0, filter } = {}): SearchHit[] {
      // The query is split into words once: its index terms are those words stemmed.
      const words = keptWords(text, queryTokens)
      const terms = stemWords(words, queryTokens)
      const query = queryTerms(terms, o.pairWeight)
      if (query.size === 0 || maxResults <= 0) return []
      const keep = filter ? (i: number) => filter(corpus.chunks[i] as IndexedChunk) : undefined
      let scores = fuseScores(corpus, query, o, related(query))
      if (o.expansion) {
        const firstPass = rank(scores, keep)
        if (firstPass.length > 0)
          scores = fuseScores(corpus, expandQuery(corpus, query, firstPass, scores, o.expansion), o)
      }
      if (o.softMatch && corpus.softMatcher)
        mixSoftMatch(scores, corpus, softQuery(words, terms), o.softMatch.weight)
      return toHits(corpus.chunks, rank(scores, keep), scores, maxResults, minScore)
    },
  }
}

/**
 * (1 - w)·raw + w·soft for every chunk the lexical signals found (raw > 0): the soft match
 * reorders what matched, it never brings in a chunk that shares no word with the query.
 */
function mixSoftMatch(
  scores: Float64Array,
  corpus: Corpus,
  words: ReadonlyArray<readonly [string, number]>,
  w: number,
) {
  const soft = corpus.softMatcher?.score(words)
  if (!soft) return
  for (let i = 0; i < scores.length; i++)
    if ((scores[i] ?? 0) > 0) scores[i] = (1 - w) * (scores[i] ?? 0) + w * (soft[i] ?? 0)
}

/** The first maxResults ranked chunks scoring at least minScore once calibrated. */
function toHits(
  chunks: IndexedChunk[],
  ranked: number[],
  scores: Float64Array,
  maxResults: number,
  minScore: number,
): SearchHit[] {
  const hits: SearchHit[] = []
  for (const i of ranked) {
    const score = calibrate(scores[i] ?? 0)
    if (score >= minScore) hits.push({ chunk: chunks[i] as IndexedChunk, score })
    if (hits.length >= maxResults) break
  }
  return hits
}
