import type { VectorTable } from './vector-table.ts'

/**
 * Soft term matching with pre-trained word vectors: each query word is matched by its most
 * similar word in the chunk (cosine, 1 for the word itself; below `minCosine` counts as no
 * match), and the chunk scores the idf-weighted mean of those best matches: the "late
 * interaction" of ColBERT (Khattab & Zaharia 2020) with static GloVe vectors instead of a
 * trained encoder. "wife" finds "spouse", "jobs" finds "employment", which corpus statistics
 * alone could not teach from a few hundred help pages (docs/knowledge-base-retrieval.md).
 */

export interface SoftMatchOptions {
  /** Share of the final raw score from the soft match (default 0.1; 0 disables). */
  weight: number
  /** Least cosine for a word to stand in for a query word (default 0.6). */
  minCosine: number
}

export interface SoftMatcher {
  /**
   * Per chunk, the idf-weighted mean over the query words of their best match in the chunk,
   * in 0..1; undefined when no query word has a vector (nothing to say).
   */
  score(
    queryWords: ReadonlyArray<readonly [word: string, weight: number]>,
  ): Float64Array | undefined
}

/** Query words whose corpus neighbours are remembered, per index. */
const NEIGHBOUR_CACHE = 2_000

/**
 * Builds the matcher over the chunks' words (unstemmed, as keptWords gives them). Only words
 * the table knows take part; the corpus vocabulary is scanned once per new query word.
 */
export function createSoftMatcher(
  chunkWords: string[][],
  table: VectorTable,
  { minCosine }: Pick<SoftMatchOptions, 'minCosine'>,
): SoftMatcher {
  const vocabulary = new Map<number, number>() // table row -> corpus word ordinal
  const rows: number[] = []
  const chunksOf: number[][] = []
  chunkWords.forEach((words, chunk) => {
    for (const word of new Set(words)) {
      const row = table.idOf(word)
      if (row < 0) continue
      let ordinal = vocabulary.get(row)
      if (ordinal === undefined) {
        ordinal = rows.length
        vocabulary.set(row, ordinal)
        rows.push(row)
        chunksOf.push([])
      }
      chunksOf[ordinal]?.push(chunk)
    }
  })
  const matrix = table.matrix(rows)
  const dims = table.dims
  const neighbours = new Map<number, Array<[ordinal: number, cosine: number]>>()

  /** Corpus words within minCosine of the table row, the word itself at exactly 1. */
  function near(row: number) {
    const cached = neighbours.get(row)
    if (cached) return cached
    const query = table.matrix([row])
    const found: Array<[number, number]> = []
    // The hot loop of a new query word (every corpus word × dims): indexes are in bounds, so
    // `as number` instead of `?? 0` keeps V8 on its fast path.
    for (let o = 0, at = 0; o < rows.length; o++, at += dims) {
      let cos = 0
      for (let d = 0; d < dims; d++) cos += (query[d] as number) * (matrix[at + d] as number)
      if (rows[o] === row) found.push([o, 1])
      else if (cos >= minCosine) found.push([o, cos])
    }
    if (neighbours.size >= NEIGHBOUR_CACHE) neighbours.clear()
    neighbours.set(row, found)
    return found
  }

  return {
    score(queryWords) {
      const scores = new Float64Array(chunkWords.length)
      const best = new Float64Array(chunkWords.length)
      let total = 0
      for (const [word, weight] of queryWords) {
        const row = table.idOf(word)
        if (row < 0) continue
        total += weight
        best.fill(0)
        for (const [ordinal, cos] of near(row))
          for (const chunk of chunksOf[ordinal] ?? [])
            if (cos > (best[chunk] ?? 0)) best[chunk] = cos
        for (let c = 0; c < best.length; c++) scores[c] = (scores[c] ?? 0) + weight * (best[c] ?? 0)
      }
      if (total === 0) return undefined
      for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] ?? 0) / total
      return scores
    },
  }
}
