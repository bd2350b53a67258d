import { dot } from './linalg.ts'
import { type Column, truncatedSvd } from './svd.ts'

/**
 * Latent semantic analysis (Deerwester et al. 1990) learned from the corpus alone: a rank-k
 * SVD of the tf-idf term x chunk matrix, by randomized subspace iteration (Halko, Martinsson
 * & Tropp 2011). Terms that occur in the same contexts ("wife", "spouse") land close, so a
 * query can match a chunk that shares none of its words.
 */

export interface LsaOptions {
  /** Latent dimensions kept (default 50). */
  rank?: number
  /** Extra subspace iterations of the randomized SVD (default 1). */
  powerIterations?: number
}

export interface LatentSpace {
  /** Unit-length latent vector of each unit (all zeros when unmappable). */
  vectors: Float64Array[]
  /** Unit-length latent vector of a weighted query (all zeros when no term is known). */
  embed(query: ReadonlyMap<string, number>): Float64Array
}

/** Cosine of the query with each vector (vectors and query of unit length). */
export const similarities = (vectors: Float64Array[], query: Float64Array): Float64Array =>
  Float64Array.from(vectors, (v) => dot(v, query))

/** Unit-length mean of the member vectors of each group (documents from their chunks). */
export function pool(vectors: Float64Array[], groupOf: Int32Array, groups: number): Float64Array[] {
  const dim = vectors[0]?.length ?? 0
  const out = Array.from({ length: groups }, () => new Float64Array(dim))
  vectors.forEach((v, i) => {
    const g = out[groupOf[i] ?? 0] as Float64Array
    for (let d = 0; d < dim; d++) g[d] = (g[d] ?? 0) + (v[d] ?? 0)
  })
  return out.map(normalize)
}

/** Log tf x idf, unit length: long chunks do not dominate the factorisation. */
function toColumn(terms: string[], vocab: Map<string, number>, idf: Float64Array): Column {
  const tf = new Map<number, number>()
  for (const t of terms) {
    const id = vocab.get(t)
    if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1)
  }
  const rows = [...tf.keys()]
  const values = rows.map((id) => (1 + Math.log(tf.get(id) ?? 1)) * (idf[id] ?? 0))
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1
  return { rows, values: values.map((v) => v / norm) }
}

/** Scales v to unit length in place (all zeros stay zeros). */
export function normalize(v: Float64Array): Float64Array {
  const n = Math.sqrt(dot(v, v))
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / n
  return v
}

/**
 * Builds the latent space of the given units (term lists). `idf` weighs terms; only terms
 * in at least two units take part, as a term seen once carries no co-occurrence.
 */
export function createLatentSpace(
  units: string[][],
  df: (t: string) => number,
  idf: (t: string) => number,
  { rank = 50, powerIterations = 1 }: LsaOptions = {},
): LatentSpace {
  const vocab = new Map<string, number>()
  for (const terms of units)
    for (const t of terms) if (!vocab.has(t) && df(t) >= 2) vocab.set(t, vocab.size)
  if (vocab.size < 2 || units.length < 2)
    return { vectors: units.map(() => new Float64Array(1)), embed: () => new Float64Array(1) }
  const idfs = Float64Array.from(vocab.keys(), idf)
  const cols = units.map((terms) => toColumn(terms, vocab, idfs))
  const { u: termVectors, vs } = truncatedSvd(cols, vocab.size, rank, powerIterations)
  const k = termVectors[0]?.length ?? 1
  return {
    vectors: vs.map(normalize),
    embed(query) {
      const v = new Float64Array(k)
      for (const [t, w] of query) {
        const id = vocab.get(t)
        const tv = id === undefined ? undefined : termVectors[id]
        if (id === undefined || !tv) continue
        const scale = w * (idfs[id] ?? 0)
        for (let i = 0; i < k; i++) v[i] = (v[i] ?? 0) + scale * (tv[i] ?? 0)
      }
      return normalize(v)
    },
  }
}
