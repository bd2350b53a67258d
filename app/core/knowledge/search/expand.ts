import type { Corpus } from './corpus.ts'

export interface ExpansionOptions {
  /** Feedback chunks: the top-ranked chunks of the first pass (default 5). */
  chunks: number
  /** Expansion terms added to the query (default 10). */
  terms: number
  /** Weight of the strongest expansion term relative to an original query term (default 0.3). */
  weight: number
}

/**
 * Pseudo-relevance feedback (RM3, Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the
 * top chunks of a first pass are assumed relevant, and the terms they share, weighted by
 * each chunk's score and the term's share of its chunk, join the query. This closes part of
 * the gap between a customer's words and the help centre's vocabulary without any model.
 */
export function expandQuery(
  corpus: Corpus,
  query: ReadonlyMap<string, number>,
  ranked: number[],
  scores: Float64Array,
  options: ExpansionOptions,
): Map<string, number> {
  const model = new Map<string, number>()
  for (const i of ranked.slice(0, options.chunks)) {
    const terms = corpus.chunkTerms[i] ?? []
    const share = (scores[i] ?? 0) / Math.max(terms.length, 1)
    for (const t of terms) model.set(t, (model.get(t) ?? 0) + share)
  }
  const candidates = [...model]
    .filter(([t]) => !query.has(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.terms)
  const top = candidates[0]?.[1] ?? 0
  const expanded = new Map(query)
  for (const [t, w] of candidates) expanded.set(t, (options.weight * w) / top)
  return expanded
}
