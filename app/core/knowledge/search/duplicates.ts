/**
 * Near-duplicate documents. Help centres publish the same page under two addresses (doc2dial
 * holds 27 such pairs: ssa-120/121, 076/077...). Each copy would otherwise count again in
 * every document frequency, so the words of a duplicated page look commoner than they are.
 * Copies are found by the resemblance of their word 3-shingles (Broder 1997), estimated from
 * bottom-k sketches; a group of n copies then counts as one unit, 1/n per copy.
 */

export interface DuplicateOptions {
  /** Estimated shingle resemblance at which two documents are copies (default 0.9). */
  threshold: number
  /** Sketch size (default 64). */
  sketch?: number
}

/** FNV-1a, 32 bits: a stable hash, so the build stays deterministic. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The k smallest distinct hashes of the 3-shingles of a term list. */
function sketchOf(terms: string[], k: number): Uint32Array {
  const hashes = new Set<number>()
  for (let i = 2; i < terms.length; i++) hashes.add(hash(`${terms[i - 2]} ${terms[i - 1]} ${terms[i]}`))
  return Uint32Array.from(hashes)
    .sort()
    .subarray(0, k)
}

/** Resemblance estimate: share of the k smallest hashes of the union found in both. */
function resemblance(a: Uint32Array, b: Uint32Array, k: number): number {
  let i = 0
  let j = 0
  let both = 0
  let seen = 0
  while (seen < k && (i < a.length || j < b.length)) {
    const x = a[i] ?? Number.POSITIVE_INFINITY
    const y = b[j] ?? Number.POSITIVE_INFINITY
    if (x === y) both++
    if (x <= y) i++
    if (y <= x) j++
    seen++
  }
  return seen === 0 ? 0 : both / seen
}

/** Weight of each document in document frequencies: 1 / the size of its group of copies. */
export function copyWeights(documents: string[][], { threshold, sketch = 64 }: DuplicateOptions) {
  const n = documents.length
  const sketches = documents.map((d) => sketchOf(d, sketch))
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i
    return i
  }
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const sa = sketches[a] as Uint32Array
      const sb = sketches[b] as Uint32Array
      if (sa.length > 0 && resemblance(sa, sb, sketch) >= threshold) parent[root(b)] = root(a)
    }
  const size = new Map<number, number>()
  for (let i = 0; i < n; i++) size.set(root(i), (size.get(root(i)) ?? 0) + 1)
  return Float64Array.from({ length: n }, (_, i) => 1 / (size.get(root(i)) ?? 1))
}
