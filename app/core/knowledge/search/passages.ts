/**
 * Scoring units smaller than a stored chunk. A 512-token chunk often spans several topics;
 * the best-matching window inside it says whether the query's words occur together (passage
 * evidence, Callan 1994; Kaszkiel & Zobel 1997), which the whole-chunk score cannot.
 */

export interface PassageOptions {
  /** Index terms per window (default 48). */
  size: number
  /** Terms between window starts (default half the size: windows overlap by half). */
  stride: number
}

/** [start, end) of overlapping windows over `length` terms; the last ends at the end. */
export function windows(length: number, { size, stride }: PassageOptions): Array<[number, number]> {
  if (length <= size) return [[0, length]]
  const out: Array<[number, number]> = []
  for (let start = 0; ; start += stride) {
    const end = Math.min(start + size, length)
    out.push([Math.max(0, end - size), end])
    if (end === length) return out
  }
}

/** Highest value per group (chunks from their windows), 0 for a group with no member. */
export function maxPerGroup(values: Float64Array, groupOf: Int32Array, groups: number) {
  const out = new Float64Array(groups)
  for (let i = 0; i < values.length; i++) {
    const g = groupOf[i] ?? 0
    const v = values[i] ?? 0
    if (v > (out[g] ?? 0)) out[g] = v
  }
  return out
}
