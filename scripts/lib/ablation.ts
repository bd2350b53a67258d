import type { SearchIndexOptions } from '../../app/core/knowledge/search/index.ts'

const FLAT: SearchIndexOptions = { fieldWeights: { title: 1, headings: 1, text: 1 }, b: 0.75 }
/** The engine of the first rows: BM25F alone at chunk level. */
const BARE: SearchIndexOptions = {
  softMatch: false,
  documentWeight: 0,
  lsa: false,
  passageWeight: 0,
  titleWeight: 0,
  pairWeight: 0,
  expansion: false,
}
const PLAIN: SearchIndexOptions = { ...FLAT, ...BARE }

/** Engine steps switched on one after another (each row keeps the ones above it). */
export const ABLATION: Array<{ step: string; options: SearchIndexOptions }> = [
  {
    step: 'BM25F flat (no stemming, stop words or filler removal)',
    options: { ...PLAIN, stem: false, stopWords: false, dropFiller: false },
  },
  { step: '+ Porter stemming, stop words', options: { ...PLAIN, dropFiller: false } },
  { step: '+ conversational filler removal (queries)', options: PLAIN },
  { step: '+ field weights (title 10, headings 4)', options: BARE },
  { step: '+ document fusion (0.3)', options: { ...BARE, documentWeight: undefined } },
  {
    step: '+ LSA semantic signal (0.2)',
    options: { passageWeight: 0, titleWeight: 0, pairWeight: 0, softMatch: false },
  },
  {
    step: '+ best window in the chunk (48 terms, 0.5)',
    options: { titleWeight: 0, pairWeight: 0, softMatch: false },
  },
  {
    step: '+ title-match cosine (0.5 of the document score)',
    options: { pairWeight: 0, softMatch: false },
  },
  { step: '+ adjacent term pairs (0.3)', options: { softMatch: false } },
  { step: '+ soft term matching by GloVe word vectors (0.1) = default', options: {} },
  {
    step: '(not kept) + PPMI-SVD word-vector neighbours',
    options: {
      embeddings: { window: 5, minCount: 5, rank: 100, neighbours: 3, minCosine: 0.6, credit: 0.7 },
    },
  },
  {
    step: '(not kept) + RM3 pseudo-relevance feedback',
    options: { expansion: { chunks: 5, terms: 10, weight: 0.3 } },
  },
]
