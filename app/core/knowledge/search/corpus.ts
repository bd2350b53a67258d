import type { Bm25Options, Unit } from './bm25.ts'
import { type Bm25Index, createBm25 } from './bm25.ts'
import { type EmbeddingOptions, learnWordVectors, type WordVectors } from './embeddings.ts'
import { createLatentSpace, type LatentSpace, type LsaOptions, pool } from './lsa.ts'
import type { PassageOptions } from './passages.ts'
import { createSoftMatcher, type SoftMatcher, type SoftMatchOptions } from './soft-match.ts'
import { createTitleIndex, type TitleIndex } from './title.ts'
import type { TokenizeOptions } from './tokenize.ts'
import { keptWords, stemWords } from './tokenize.ts'
import type { IndexedChunk } from './types.ts'
import { chunkFields, documentUnits, lexical, passageUnits } from './units.ts'
import type { VectorTable } from './vector-table.ts'

/**
 * Everything the engine scores, built once from the chunks: BM25F at three grains (chunk,
 * window inside a chunk, whole document), document titles, the latent space, the
 * chunk->document map.
 */
export interface Corpus {
  chunks: IndexedChunk[]
  chunkIndex: Bm25Index
  docIndex: Bm25Index
  /** Document titles alone: a title that names the question's topic is strong evidence. */
  titleIndex: TitleIndex
  /** Document ordinal of each chunk. */
  docOf: Int32Array
  /** Windows inside the chunks, when enabled, and the chunk of each window. */
  passageIndex?: Bm25Index
  passageChunk?: Int32Array
  /** Word vectors learned from the chunk texts, when enabled. */
  words?: WordVectors
  /** Index terms of each chunk body, for query expansion. */
  chunkTerms: string[][]
  /** Latent semantic space of the chunks, when enabled. */
  latent?: LatentSpace
  /** Latent vector of each document: the pooled vectors of its chunks. */
  docVectors?: Float64Array[]
  /** Soft matching of query words by pre-trained word vectors, when given. */
  softMatcher?: SoftMatcher
}

export interface FieldWeights {
  title: number
  headings: number
  text: number
}

/** Headings other than the title, which would otherwise count twice. */
const headingText = (c: IndexedChunk): string =>
  (c.headingPath ?? []).filter((h) => h.trim() !== c.title.trim()).join('\n')

function groupByDocument(chunks: IndexedChunk[]) {
  const ordinals = new Map<string, number>()
  const docOf = new Int32Array(chunks.length)
  chunks.forEach((c, i) => {
    if (!ordinals.has(c.documentKey)) ordinals.set(c.documentKey, ordinals.size)
    docOf[i] = ordinals.get(c.documentKey) ?? 0
  })
  return { docOf, docCount: ordinals.size }
}

export interface CorpusOptions {
  weights: FieldWeights
  tokens: TokenizeOptions
  bm25: Bm25Options
  lsa?: LsaOptions | false
  passages?: PassageOptions | false
  embeddings?: EmbeddingOptions | false
  /** Also index adjacent term pairs ("retir_estim"), for proximity. */
  pairs?: boolean
  /** Pre-trained word vectors and how near a word must be to stand in for another. */
  softMatch?: { vectors: VectorTable } & Pick<SoftMatchOptions, 'minCosine'>
}

/** The kept words of each chunk's fields: title, headings (other than the title), body. */
const chunkWords = (chunks: IndexedChunk[], tokens: TokenizeOptions): Unit[] =>
  chunks.map((c) => [
    keptWords(c.title, tokens),
    keptWords(headingText(c), tokens),
    keptWords(c.text, tokens),
  ])

export function buildCorpus(chunks: IndexedChunk[], o: CorpusOptions): Corpus {
  // Each text is split into words once: the index terms are those words stemmed, and the soft
  // match looks the words themselves up.
  const words = chunkWords(chunks, o.tokens)
  const terms: Unit[] = words.map((fields) => fields.map((w) => stemWords(w, o.tokens)))
  const fields = terms.map((t) => chunkFields(t, o.pairs ?? false))
  const { docOf, docCount } = groupByDocument(chunks)
  const headingKey = (i: number) => headingText(chunks[i] as IndexedChunk)
  const bm25 = { ...o.bm25, fieldWeights: [o.weights.title, o.weights.headings, o.weights.text] }
  const chunkIndex = createBm25(fields.map(lexical), bm25)
  const { df, idf } = chunkIndex
  const latent = o.lsa
    ? createLatentSpace(
        terms.map((u) => u.flat()),
        df,
        idf,
        o.lsa,
      )
    : undefined
  const split = o.passages ? passageUnits(fields, o.passages) : undefined
  const bodies = terms.map((u) => u[2] ?? [])
  return {
    chunks,
    chunkIndex,
    docIndex: createBm25(documentUnits(fields, headingKey, docOf, docCount), bm25),
    titleIndex: createTitleIndex(firstOfEach(docOf, docCount, (i) => terms[i]?.[0] ?? [])),
    docOf,
    passageIndex: split && createBm25(split.units, bm25),
    passageChunk: split?.chunkOf,
    words: o.embeddings ? learnWordVectors(bodies, o.embeddings) : undefined,
    chunkTerms: bodies,
    latent,
    docVectors: latent && pool(latent.vectors, docOf, docCount),
    softMatcher:
      o.softMatch &&
      createSoftMatcher(
        words.map((fields) => fields.flat()),
        o.softMatch.vectors,
        o.softMatch,
      ),
  }
}

/** For each group, f of its first member. */
function firstOfEach<T>(groupOf: Int32Array, groups: number, f: (i: number) => T): T[] {
  const out = new Array<T>(groups)
  const seen = new Set<number>()
  groupOf.forEach((g, i) => {
    if (!seen.has(g)) out[g] = f(i)
    seen.add(g)
  })
  return out
}
