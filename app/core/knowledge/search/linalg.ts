/**
 * The little dense linear algebra latent semantic analysis needs: column-major-free,
 * row arrays of Float64Array, deterministic (seeded) randomness.
 */

export type Matrix = Float64Array[]

/** Deterministic uniform [0,1) generator (mulberry32), so every build gives the same index. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0)
  return s
}

/** Row i of m; rows are never missing in the square or rectangular matrices built here. */
const row = (m: Matrix, i: number): Float64Array => m[i] ?? new Float64Array(0)

/** Orthonormalises the columns of a (rows x cols) matrix in place (modified Gram-Schmidt). */
export function orthonormalizeColumns(m: Matrix, cols: number): void {
  const rows = m.length
  const c = Array.from({ length: cols }, () => new Float64Array(rows))
  for (let i = 0; i < rows; i++) {
    const r = row(m, i)
    for (let j = 0; j < cols; j++) row(c, j)[i] = r[j] ?? 0
  }
  for (let j = 0; j < cols; j++) {
    const v = row(c, j)
    for (let p = 0; p < j; p++) {
      const q = row(c, p)
      const proj = dot(v, q)
      for (let i = 0; i < rows; i++) v[i] = (v[i] ?? 0) - proj * (q[i] ?? 0)
    }
    const norm = Math.sqrt(dot(v, v))
    if (norm > 1e-10) for (let i = 0; i < rows; i++) v[i] = (v[i] ?? 0) / norm
    else v.fill(0)
  }
  for (let i = 0; i < rows; i++) {
    const r = row(m, i)
    for (let j = 0; j < cols; j++) r[j] = row(c, j)[i] ?? 0
  }
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues descending and the matching eigenvectors as rows.
 */
export function symmetricEigen(input: Matrix): { values: number[]; vectors: Matrix } {
  const n = input.length
  const a = input.map((r) => Float64Array.from(r))
  const v = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: n }, (_, j) => +(i === j)),
  )
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (row(a, p)[q] ?? 0) ** 2
    if (off < 1e-18) break
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(a, v, p, q)
  }
  const diag = (i: number) => row(a, i)[i] ?? 0
  const order = [...Array(n).keys()].sort((i, j) => diag(j) - diag(i))
  return {
    values: order.map(diag),
    vectors: order.map((i) => Float64Array.from(v, (r) => r[i] ?? 0)),
  }
}

function rotate(a: Matrix, v: Matrix, p: number, q: number): void {
  const ap = row(a, p)
  const aq = row(a, q)
  const apq = ap[q] ?? 0
  if (Math.abs(apq) < 1e-15) return
  const theta = ((aq[q] ?? 0) - (ap[p] ?? 0)) / (2 * apq)
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
  const c = 1 / Math.sqrt(t * t + 1)
  const s = t * c
  for (const m of [a, v]) {
    for (const r of m) {
      const rp = r[p] ?? 0
      const rq = r[q] ?? 0
      r[p] = c * rp - s * rq
      r[q] = s * rp + c * rq
    }
  }
  for (let k = 0; k < a.length; k++) {
    const pk = ap[k] ?? 0
    const qk = aq[k] ?? 0
    ap[k] = c * pk - s * qk
    aq[k] = s * pk + c * qk
  }
}
