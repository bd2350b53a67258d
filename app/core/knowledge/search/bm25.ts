/**
 * BM25F over a fixed set of units (chunks or whole documents). Each unit has a few fields
 * (title, headings, body) whose length-normalised term frequencies are summed with a weight
 * per field before the k1 saturation (Robertson & Zaragoza 2009). Saturation happens at build
 * time, so a query costs one pass over the postings of its terms.
 */

export interface Bm25Options {
  /** Weight per field, in the order of `Unit.fields` (default: all 1). */
  fieldWeights?: number[]
  /** Term-frequency saturation (default 1.2). */
  k1?: number
  /** Length normalisation per field, 0..1 (default 0.75 for every field). */
  b?: number[]
}

/** A unit to index: one array of terms per field. */
export type Unit = string[][]

export interface Bm25Index {
  readonly unitCount: number
  /** ln(1 + (N - df + 0.5) / (df + 0.5)); terms absent from the corpus get the maximum. */
  idf(term: string): number
  /** Number of units containing the term. */
  df(term: string): number
  /**
   * Score of every unit for weighted query terms, as a share of the query's attainable
   * maximum Σ w·idf: each term adds w·idf·tf/(k1+tf), which stays below w·idf.
   */
  score(query: ReadonlyMap<string, number>, related?: Related): Float64Array
  /** Per unit, the saturated frequency tf/(k1+tf) of the term (0..1), sparse. */
  postings(term: string): Posting | undefined
}

/** Per query term, corpus words that may stand in for it, with a credit in 0..1 each. */
export type Related = ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>

/**
 * Adds weight x (best saturated frequency per unit of the term itself or, at its credit, of
 * a related word) to scores: a translation-model view in which a near-synonym partially
 * satisfies the query term, never more than the term itself would.
 */
function addTerm(
  scores: Float64Array,
  weight: number,
  own: Posting | undefined,
  related: ReadonlyArray<readonly [Posting | undefined, number]>,
): void {
  const best = new Float64Array(scores.length)
  for (const [posting, credit] of [[own, 1] as const, ...related]) {
    if (!posting) continue
    const { units, saturation } = posting
    for (let i = 0; i < units.length; i++) {
      const u = units[i] ?? 0
      best[u] = Math.max(best[u] ?? 0, credit * (saturation[i] ?? 0))
    }
  }
  for (let u = 0; u < scores.length; u++) scores[u] = (scores[u] ?? 0) + weight * (best[u] ?? 0)
}

import { buildPostings, type Posting } from './postings.ts'

export type { Posting } from './postings.ts'

function averageLengths(units: Unit[], fieldCount: number): number[] {
  const totals = new Array<number>(fieldCount).fill(0)
  for (const unit of units)
    for (let f = 0; f < fieldCount; f++) totals[f] = (totals[f] ?? 0) + (unit[f]?.length ?? 0)
  return totals.map((t) => Math.max(t / Math.max(units.length, 1), 1))
}

/** Weight of one occurrence in field f of a unit: field weight over its length norm. */
function fieldNorm(weights: number[], b: number[], avg: number[]) {
  return (unit: Unit, f: number) => {
    const bf = b[f] ?? 0.75
    return (weights[f] ?? 1) / (1 - bf + (bf * (unit[f]?.length ?? 0)) / (avg[f] ?? 1))
  }
}

export function createBm25(units: Unit[], options: Bm25Options = {}): Bm25Index {
  const { fieldWeights = [], k1 = 1.2, b = [] } = options
  const fieldCount = Math.max(0, ...units.map((u) => u.length))
  const avg = averageLengths(units, fieldCount)
  const index = buildPostings(units, fieldNorm(fieldWeights, b, avg), k1)
  const n = units.length
  const df = (term: string) => index.df(term)
  const idf = (term: string) => Math.log(1 + (n - df(term) + 0.5) / (df(term) + 0.5))
  return {
    unitCount: n,
    idf,
    df,
    postings: (term) => index.get(term),
    score(query, related) {
      const scores = new Float64Array(n)
      let max = 0
      for (const [term, w] of query) {
        const weight = w * idf(term)
        max += weight
        const near = related?.get(term)
        const own = index.get(term)
        if (near?.length)
          addTerm(
            scores,
            weight,
            own,
            near.map(([t, c]) => [index.get(t), c]),
          )
        else if (own)
          for (let i = 0; i < own.units.length; i++) {
            const u = own.units[i] ?? 0
            scores[u] = (scores[u] ?? 0) + weight * (own.saturation[i] ?? 0)
          }
      }
      if (max > 0) for (let i = 0; i < n; i++) scores[i] = (scores[i] ?? 0) / max
      return scores
    },
  }
}
