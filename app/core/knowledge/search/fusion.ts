import type { Related } from './bm25.ts'
import type { Corpus } from './corpus.ts'
import { similarities } from './lsa.ts'
import { maxPerGroup } from './passages.ts'

export interface FusionWeights {
  /** Share of each score from the latent-space cosine (0 disables). */
  semanticWeight: number
  /** Share of a chunk's score from its whole document (0 disables). */
  documentWeight: number
  /** Share of a chunk's lexical score from its best window (0 disables). */
  passageWeight: number
  /** Share of the document score from its title alone (0 disables). */
  titleWeight: number
}

/** (1 - w)·a + w·b[at(i)] into a, in place; b is clipped at 0 (cosines may be negative). */
function mix(a: Float64Array, b: Float64Array | undefined, w: number, at = (i: number) => i) {
  if (!b || w <= 0) return a
  for (let i = 0; i < a.length; i++) a[i] = (1 - w) * (a[i] ?? 0) + w * Math.max(0, b[at(i)] ?? 0)
  return a
}

type Query = ReadonlyMap<string, number>
type Cosines = (vectors: Float64Array[] | undefined) => Float64Array | undefined

/**
 * Raw score of every chunk, in [0,1): lexical evidence (the chunk's BM25F mixed with its
 * best window's) blended with latent similarity, then mixed with its document's score. A
 * help page whose chunks together cover the question lifts its best chunk above a lone
 * chunk of an unrelated page that happens to share one rare word. Every input is a share of
 * its maximum or a cosine in 0..1, so the blend is too.
 */
export function fuseScores(corpus: Corpus, query: Query, w: FusionWeights, related?: Related) {
  const q = w.semanticWeight > 0 ? corpus.latent?.embed(query) : undefined
  const cos: Cosines = (vectors) => (q && vectors ? similarities(vectors, q) : undefined)
  const lexical = corpus.chunkIndex.score(query, related)
  const { passageIndex, passageChunk } = corpus
  if (w.passageWeight > 0 && passageIndex && passageChunk) {
    const windows = passageIndex.score(query, related)
    mix(lexical, maxPerGroup(windows, passageChunk, lexical.length), w.passageWeight)
  }
  const chunk = mix(lexical, cos(corpus.latent?.vectors), w.semanticWeight)
  if (w.documentWeight <= 0) return chunk
  const doc = documentScores(corpus, query, w, cos, related)
  return mix(chunk, doc, w.documentWeight, (i) => corpus.docOf[i] ?? 0)
}

/** Per document: BM25F blended with latent similarity, then mixed with the title match. */
function documentScores(
  corpus: Corpus,
  query: Query,
  w: FusionWeights,
  cos: Cosines,
  related?: Related,
) {
  const doc = mix(corpus.docIndex.score(query, related), cos(corpus.docVectors), w.semanticWeight)
  return w.titleWeight > 0 ? mix(doc, corpus.titleIndex.score(query), w.titleWeight) : doc
}

/** Chunk ordinals with a positive score, best first, ties by insertion order. */
export function rank(scores: Float64Array, keep: (i: number) => boolean = () => true): number[] {
  const ids: number[] = []
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) > 0 && keep(i)) ids.push(i)
  return ids.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
}
