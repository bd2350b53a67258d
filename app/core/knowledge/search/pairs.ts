/**
 * Adjacent term pairs for proximity (the ordered-window feature of sequential dependence,
 * Metzler & Croft 2005): "retirement estimator" in that order is stronger evidence than the
 * two words anywhere in a chunk. A pair is indexed as one more term, "retir_estim"; words
 * are letter/digit runs, so a pair key never collides with a word.
 */

export const isPair = (term: string): boolean => term.includes('_')

const pairKey = (a: string | undefined, b: string | undefined) => `${a}_${b}`

/** The adjacent pairs of a term list: pair i joins terms i and i + 1. */
export function pairsOf(terms: string[]): string[] {
  const out: string[] = []
  for (let i = 1; i < terms.length; i++) out.push(pairKey(terms[i - 1], terms[i]))
  return out
}

/**
 * Query term weights: the count of each term (a repeated word weighs more, as in the query
 * likelihood), plus each adjacent pair at `pairWeight`.
 */
export function queryTerms(terms: string[], pairWeight: number): Map<string, number> {
  const q = new Map<string, number>()
  for (const t of terms) q.set(t, (q.get(t) ?? 0) + 1)
  if (pairWeight > 0)
    for (let i = 1; i < terms.length; i++) {
      const pair = pairKey(terms[i - 1], terms[i])
      q.set(pair, (q.get(pair) ?? 0) + pairWeight)
    }
  return q
}
