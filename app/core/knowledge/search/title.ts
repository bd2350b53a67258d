/**
 * Title match: cosine of idf-weighted term sets of the query and of each document title.
 * Help-centre titles name a page's topic, so a title the question covers *entirely*
 * ("Disability Benefits" for "info on disability benefits") is stronger evidence than a
 * longer title that merely contains the same words. BM25F's title field cannot say this:
 * it saturates per term and, with b 0, ignores what else the title says.
 */

import { isPair } from './pairs.ts'

export interface TitleIndex {
  /** Cosine in 0..1 of the query with each title. */
  score(query: ReadonlyMap<string, number>): Float64Array
}

export function createTitleIndex(titles: string[][]): TitleIndex {
  const n = titles.length
  const df = new Map<string, number>()
  for (const t of titles) for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1)
  const idf = (term: string) =>
    Math.log(1 + (n - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5))
  const postings = new Map<string, Array<[number, number]>>()
  titles.forEach((t, doc) => {
    const terms = new Set(t)
    const norm = Math.sqrt([...terms].reduce((s, term) => s + idf(term) ** 2, 0)) || 1
    for (const term of terms) {
      const list = postings.get(term) ?? []
      if (list.length === 0) postings.set(term, list)
      list.push([doc, idf(term) / norm])
    }
  })
  return {
    score(query) {
      const scores = new Float64Array(n)
      let norm = 0
      for (const [term, w] of query) {
        if (isPair(term)) continue
        const q = Math.min(w, 1) * idf(term)
        norm += q * q
        for (const [doc, v] of postings.get(term) ?? []) scores[doc] = (scores[doc] ?? 0) + q * v
      }
      if (norm > 0) for (let i = 0; i < n; i++) scores[i] = (scores[i] ?? 0) / Math.sqrt(norm)
      return scores
    },
  }
}
