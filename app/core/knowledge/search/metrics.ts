/**
 * Rank metrics for one query over a ranked list of distinct ids (documents, best first)
 * and the set of relevant ids, with binary relevance. Average them over queries.
 */

/** Share of the relevant ids found in the first k (0 when nothing is relevant). */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number) {
  if (relevant.size === 0) return 0
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size
}

/** 1 / rank of the first relevant id within the first k, else 0. */
export function reciprocalRankAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
) {
  const at = ranked.slice(0, k).findIndex((id) => relevant.has(id))
  return at < 0 ? 0 : 1 / (at + 1)
}

/** DCG of the first k over the ideal DCG, gain 1 per relevant id, discount log2(rank + 1). */
export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number) {
  const discount = (i: number) => 1 / Math.log2(i + 2)
  let dcg = 0
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += discount(i)
  })
  let ideal = 0
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += discount(i)
  return ideal === 0 ? 0 : dcg / ideal
}

/** Distinct values in order of first appearance: chunk hits -> ranked documents. */
export function firstAppearances(ids: Iterable<string>, limit = Number.POSITIVE_INFINITY) {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.size >= limit) break
    seen.add(id)
  }
  return [...seen]
}

/** p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] as number
}
