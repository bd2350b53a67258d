import type { Unit } from './bm25.ts'

/** Units containing a term, with the term's saturated frequency tf/(k1+tf) in each. */
export interface Posting {
  units: Int32Array
  saturation: Float64Array
}

/** The postings of every term; views are made on demand (a query reads a handful). */
export interface PostingLists {
  get(term: string): Posting | undefined
  df(term: string): number
}

/** Growable dense accumulator of per-term frequencies for the unit being indexed. */
class Accumulator {
  tf = new Float64Array(1024)
  touched: number[] = []
  add(id: number, w: number) {
    if (id >= this.tf.length) {
      const grown = new Float64Array(Math.max(id + 1, this.tf.length * 2))
      grown.set(this.tf)
      this.tf = grown
    }
    if (this.tf[id] === 0) this.touched.push(id)
    this.tf[id] = (this.tf[id] ?? 0) + w
  }
}

/**
 * Postings of every term, as views into two flat typed arrays filled by a counting sort on
 * term ids. One global term->id map and a dense accumulator replace a map per unit and an
 * array per term, which kept the garbage collector busy for most of the build once term
 * pairs were indexed. `norm(unit, f)` is the weight of one occurrence in field f.
 */
export function buildPostings(
  units: Unit[],
  norm: (unit: Unit, f: number) => number,
  k1: number,
): PostingLists {
  const ids = new Map<string, number>()
  const acc = new Accumulator()
  const termOf: number[] = []
  const unitOf: number[] = []
  const sat: number[] = []
  units.forEach((unit, u) => {
    unit.forEach((terms, f) => {
      const w = norm(unit, f)
      for (const t of terms) {
        let id = ids.get(t)
        if (id === undefined) {
          id = ids.size
          ids.set(t, id)
        }
        acc.add(id, w)
      }
    })
    for (const id of acc.touched) {
      const tf = acc.tf[id] ?? 0
      termOf.push(id)
      unitOf.push(u)
      sat.push(tf / (k1 + tf))
      acc.tf[id] = 0
    }
    acc.touched.length = 0
  })
  return sortByTerm(ids, termOf, unitOf, sat)
}

function sortByTerm(
  ids: Map<string, number>,
  termOf: number[],
  unitOf: number[],
  sat: number[],
): PostingLists {
  const start = new Int32Array(ids.size + 1)
  for (const id of termOf) start[id + 1] = (start[id + 1] ?? 0) + 1
  for (let i = 0; i < ids.size; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0)
  const fill = start.slice(0, ids.size)
  const units = new Int32Array(termOf.length)
  const saturation = new Float64Array(termOf.length)
  termOf.forEach((id, k) => {
    const at = fill[id] ?? 0
    fill[id] = at + 1
    units[at] = unitOf[k] ?? 0
    saturation[at] = sat[k] ?? 0
  })
  return {
    get(term) {
      const id = ids.get(term)
      if (id === undefined) return undefined
      const from = start[id] ?? 0
      const to = start[id + 1] ?? 0
      return { units: units.subarray(from, to), saturation: saturation.subarray(from, to) }
    },
    df(term) {
      const id = ids.get(term)
      return id === undefined ? 0 : (start[id + 1] ?? 0) - (start[id] ?? 0)
    },
  }
}
