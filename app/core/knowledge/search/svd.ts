import { dot, type Matrix, orthonormalizeColumns, seededRandom, symmetricEigen } from './linalg.ts'

/**
 * Truncated SVD of a sparse matrix given by columns, by randomized subspace iteration
 * (Halko, Martinsson & Tropp 2011): a seeded random projection of the range, a few power
 * iterations, then the exact SVD of the small projected matrix. Deterministic.
 */

/** Sparse column: row ids and their values. */
export interface Column {
  rows: number[]
  values: number[]
}

export interface Svd {
  /** Left singular vectors, one row per matrix row (rows x k). */
  u: Matrix
  /** Right singular vectors scaled by the singular values, one row per column (cols x k). */
  vs: Matrix
  /** Singular values, descending. */
  sigma: number[]
}

const zeros = (rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, () => new Float64Array(cols))

/** X·M for X (rows x cols, by column) and M (cols x l): rows x l. */
function times(cols: Column[], m: Matrix, rowCount: number, l: number): Matrix {
  const out = zeros(rowCount, l)
  cols.forEach((c, j) => {
    const mj = m[j] as Float64Array
    for (let k = 0; k < c.rows.length; k++) {
      const row = out[c.rows[k] ?? 0] as Float64Array
      const x = c.values[k] ?? 0
      for (let i = 0; i < l; i++) row[i] = (row[i] ?? 0) + x * (mj[i] ?? 0)
    }
  })
  return out
}

/** Xᵀ·Q for Q (rows x l): cols x l. */
const transposeTimes = (cols: Column[], q: Matrix, l: number): Matrix =>
  cols.map((c) => {
    const out = new Float64Array(l)
    for (let k = 0; k < c.rows.length; k++) {
      const x = c.values[k] ?? 0
      const qr = q[c.rows[k] ?? 0] as Float64Array
      for (let i = 0; i < l; i++) out[i] = (out[i] ?? 0) + x * (qr[i] ?? 0)
    }
    return out
  })

/** Orthonormal basis Q (rows x l) of the range of X, by randomized subspace iteration. */
function rangeBasis(cols: Column[], rowCount: number, l: number, iterations: number): Matrix {
  const random = seededRandom(0x5eed)
  const omega = cols.map(() => Float64Array.from({ length: l }, () => random() * 2 - 1))
  let y = times(cols, omega, rowCount, l)
  for (let it = 0; it < iterations; it++) {
    orthonormalizeColumns(y, l)
    const z = transposeTimes(cols, y, l)
    orthonormalizeColumns(z, l)
    y = times(cols, z, rowCount, l)
  }
  orthonormalizeColumns(y, l)
  return y
}

/** Rank-k SVD (k at most min(rows, cols) - 1) with `iterations` power iterations. */
export function truncatedSvd(cols: Column[], rowCount: number, rank: number, iterations: number) {
  const k = Math.max(1, Math.min(rank, cols.length - 1, rowCount - 1))
  const l = Math.min(k + 10, cols.length, rowCount)
  const q = rangeBasis(cols, rowCount, l, iterations)
  const bt = transposeTimes(cols, q, l) // B = QᵀX, stored transposed (cols x l)
  const gram = zeros(l, l)
  for (const row of bt)
    for (let i = 0; i < l; i++) {
      const gi = gram[i] as Float64Array
      const ri = row[i] ?? 0
      for (let j = 0; j < l; j++) gi[j] = (gi[j] ?? 0) + ri * (row[j] ?? 0)
    }
  const eigen = symmetricEigen(gram)
  const axes = eigen.vectors.slice(0, k)
  return {
    u: q.map((row) => Float64Array.from(axes, (a) => dot(a, row))),
    vs: bt.map((row) => Float64Array.from(axes, (a) => dot(a, row))),
    sigma: eigen.values.slice(0, k).map((v) => Math.sqrt(Math.max(v, 0))),
  } satisfies Svd
}
