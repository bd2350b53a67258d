import type { Unit } from './bm25.ts'
import { buildPostings, type PostingLists } from './postings.ts'

/**
 * Query likelihood with Dirichlet smoothing (Zhai & Lafferty 2001): log p(q | unit) against
 * log p(q | corpus), in the rank-equivalent form
 *   QL(u) = Σ_t w_t·log(1 + tf(t,u) / (μ·p(t|C))) + (Σ_t w_t)·log(μ / (|u| + μ)).
 * Unlike BM25's sum of saturated terms, a unit missing a query term pays for it, so the
 * model prefers units that hold *all* the words. Reported as a share of the query's
 * attainable maximum Σ_t w_t·log(1 / p(t|C)) (a unit made of the term alone), clipped at 0,
 * so it mixes with the BM25F shares without changing what a score means.
 */

export interface LikelihoodOptions {
  /** Dirichlet prior μ, in index terms (default 500). */
  mu: number
}

export interface LikelihoodIndex {
  score(query: ReadonlyMap<string, number>): Float64Array
}

export function createLikelihood(units: Unit[], { mu }: LikelihoodOptions): LikelihoodIndex {
  const lengths = Float64Array.from(units, (u) => u.reduce((n, f) => n + f.length, 0))
  const total = lengths.reduce((a, b) => a + b, 0)
  const counts: PostingLists = buildPostings(
    units,
    () => 1,
    (tf) => tf,
  )
  const collection = new Map<string, number>()
  const pOf = (term: string) => {
    let p = collection.get(term)
    if (p === undefined) {
      let cf = 0
      for (const c of counts.get(term)?.saturation ?? []) cf += c
      p = (cf + 0.5) / (total + 1)
      collection.set(term, p)
    }
    return p
  }
  return {
    score(query) {
      const n = units.length
      const scores = new Float64Array(n)
      const matched = new Uint8Array(n)
      let weight = 0
      let max = 0
      for (const [term, w] of query) {
        const p = pOf(term)
        weight += w
        max += w * Math.log(1 / p)
        const posting = counts.get(term)
        if (!posting) continue
        for (let i = 0; i < posting.units.length; i++) {
          const u = posting.units[i] ?? 0
          scores[u] = (scores[u] ?? 0) + w * Math.log(1 + (posting.saturation[i] ?? 0) / (mu * p))
          matched[u] = 1
        }
      }
      for (let u = 0; u < n; u++) {
        if (!matched[u]) continue
        const ql = (scores[u] ?? 0) + weight * Math.log(mu / ((lengths[u] ?? 0) + mu))
        scores[u] = max > 0 ? Math.max(0, ql) / max : 0
      }
      return scores
    },
  }
}
