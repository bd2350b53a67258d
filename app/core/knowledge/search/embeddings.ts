import { normalize } from './lsa.ts'
import { type Column, truncatedSvd } from './svd.ts'

/**
 * Word vectors learned from the corpus alone: positive PMI of co-occurrence within a window,
 * with context-distribution smoothing (α 0.75), factorised by truncated SVD with the singular
 * values' square root as weights (Levy, Goldberg & Dagan 2015: as good as word2vec on small
 * corpora). Words used in the same contexts ("job": "employ", "career"; "doctor": "medic",
 * "clinic") get close vectors, which lets a query term partially match its neighbours.
 * Off by default: on doc2dial (~220k words) it changed recall by less than one query and
 * tripled the build time (docs/knowledge-base-retrieval.md). Values below are those tried.
 */

export interface EmbeddingOptions {
  /** Words either side that count as context (5). */
  window: number
  /** Occurrences a word needs to get a vector (5). */
  minCount: number
  /** Dimensions (100). */
  rank: number
  /** Nearest words lent to each query term (3). */
  neighbours: number
  /** Least cosine for a word to count as near (0.6). */
  minCosine: number
  /** Credit of a near word's match relative to the term's own, times the cosine (0.7). */
  credit: number
}

export interface WordVectors {
  /** Up to `limit` nearest words with cosine ≥ `minCosine`, nearest first. */
  neighbours(term: string, limit: number, minCosine: number): Array<[string, number]>
}

function countWords(streams: string[][], minCount: number) {
  const counts = new Map<string, number>()
  for (const s of streams) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1)
  const vocab = new Map<string, number>()
  for (const [t, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (c >= minCount) vocab.set(t, vocab.size)
  return vocab
}

/** Symmetric co-occurrence counts within the window, per word (sparse). */
function cooccurrences(streams: string[][], vocab: Map<string, number>, window: number) {
  const rows = Array.from({ length: vocab.size }, () => new Map<number, number>())
  for (const s of streams) {
    const ids = s.map((t) => vocab.get(t) ?? -1)
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i] ?? -1
      if (a < 0) continue
      for (let j = i + 1; j <= Math.min(i + window, ids.length - 1); j++) {
        const b = ids[j] ?? -1
        if (b < 0 || b === a) continue
        const ra = rows[a] as Map<number, number>
        const rb = rows[b] as Map<number, number>
        ra.set(b, (ra.get(b) ?? 0) + 1)
        rb.set(a, (rb.get(a) ?? 0) + 1)
      }
    }
  }
  return rows
}

/** PPMI columns: max(0, log P(w,c) / (P(w)·P_α(c))). */
function ppmi(rows: Map<number, number>[]): Column[] {
  const totals = rows.map((r) => [...r.values()].reduce((s, v) => s + v, 0))
  const all = totals.reduce((s, v) => s + v, 0)
  const smoothed = totals.map((t) => t ** 0.75)
  const smoothedAll = smoothed.reduce((s, v) => s + v, 0)
  return rows.map((r, c) => {
    const col: Column = { rows: [], values: [] }
    for (const [w, n] of r) {
      const pmi = Math.log(
        n / all / (((totals[w] ?? 1) / all) * ((smoothed[c] ?? 1) / smoothedAll)),
      )
      if (pmi > 0) {
        col.rows.push(w)
        col.values.push(pmi)
      }
    }
    return col
  })
}

/** Learns word vectors from term streams (chunk texts in reading order). */
export function learnWordVectors(streams: string[][], options: EmbeddingOptions): WordVectors {
  const vocab = countWords(streams, options.minCount)
  const words = [...vocab.keys()]
  if (vocab.size < 3) return { neighbours: () => [] }
  const { u, sigma } = truncatedSvd(
    ppmi(cooccurrences(streams, vocab, options.window)),
    vocab.size,
    options.rank,
    2,
  )
  const weights = sigma.map(Math.sqrt)
  const vectors = u.map((row) => normalize(row.map((x, i) => x * (weights[i] ?? 0))))
  const cache = new Map<string, Array<[string, number]>>()
  return {
    neighbours(term, limit, minCosine) {
      const id = vocab.get(term)
      const v = id === undefined ? undefined : vectors[id]
      if (!v) return []
      const key = `${term}\u0000${limit}\u0000${minCosine}`
      const hit = cache.get(key)
      if (hit) return hit
      const near: Array<[string, number]> = []
      vectors.forEach((w, j) => {
        if (j === id) return
        let c = 0
        for (let i = 0; i < v.length; i++) c += (v[i] ?? 0) * (w[i] ?? 0)
        if (c >= minCosine) near.push([words[j] ?? '', c])
      })
      near.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      const out = near.slice(0, limit)
      if (cache.size < 10_000) cache.set(key, out)
      return out
    },
  }
}

/** Per query term, its nearest corpus words (not already in the query) with their credit. */
export function relatedTerms(
  words: WordVectors,
  query: ReadonlyMap<string, number>,
  o: EmbeddingOptions,
): Map<string, Array<[string, number]>> {
  const related = new Map<string, Array<[string, number]>>()
  for (const term of query.keys()) {
    const near = words.neighbours(term, o.neighbours, o.minCosine).filter(([w]) => !query.has(w))
    related.set(
      term,
      near.map(([w, c]) => [w, o.credit * c]),
    )
  }
  return related
}
