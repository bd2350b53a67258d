import type { Unit } from './bm25.ts'
import { pairsOf } from './pairs.ts'
import { type PassageOptions, windows } from './passages.ts'

/**
 * The BM25F units built from the chunks: chunks, whole documents and windows, each as
 * fields (title, headings, body) of terms followed, when enabled, by their adjacent pairs.
 * Pair strings are made once per chunk and shared by the three levels: V8 hashes a string
 * once, and re-making them per level doubled the build time.
 */

/** A chunk's fields as terms, plus the pairs of each field (empty when pairs are off). */
export interface ChunkFields {
  terms: Unit
  pairs: Unit
}

export function chunkFields(terms: Unit, withPairs: boolean): ChunkFields {
  return { terms, pairs: terms.map((f) => (withPairs ? pairsOf(f) : [])) }
}

/** Terms and pairs of every field together: what BM25F indexes. */
export const lexical = ({ terms, pairs }: ChunkFields): Unit =>
  terms.map((f, i) => f.concat(pairs[i] ?? []))

/**
 * One unit per document: the title of its first chunk, each distinct heading path once
 * (`headingKey`), every body. Pairs across chunk boundaries are not made.
 */
export function documentUnits(
  chunks: ChunkFields[],
  headingKey: (chunk: number) => string,
  docOf: Int32Array,
  docCount: number,
): Unit[] {
  const docs: string[][][][] = Array.from({ length: docCount }, () => [[], [], []])
  const seen = new Set<string>()
  chunks.forEach((c, i) => {
    const [title, headings, body] = docs[docOf[i] ?? 0] ?? [[], [], []]
    const fields = lexical(c)
    if (title?.length === 0) title.push(fields[0] ?? [])
    const key = `${docOf[i]}\u0000${headingKey(i)}`
    if (!seen.has(key)) headings?.push(fields[1] ?? [])
    seen.add(key)
    body?.push(fields[2] ?? [])
  })
  return docs.map((fields) => fields.map((parts) => parts.flat()))
}

/** Overlapping windows of each chunk body, with the chunk's title and headings. */
export function passageUnits(chunks: ChunkFields[], options: PassageOptions) {
  const units: Unit[] = []
  const chunkOf: number[] = []
  chunks.forEach((c, i) => {
    const [title, headings] = lexical({ terms: c.terms.slice(0, 2), pairs: c.pairs.slice(0, 2) })
    const body = c.terms[2] ?? []
    const pairs = c.pairs[2] ?? []
    for (const [start, end] of windows(body.length, options)) {
      const window = body.slice(start, end)
      units.push([title ?? [], headings ?? [], window.concat(pairs.slice(start, end - 1))])
      chunkOf.push(i)
    }
  })
  return { units, chunkOf: Int32Array.from(chunkOf) }
}
