/**
 * Retrieval quality of the knowledge-base search engine against a MiniSearch BM25 baseline.
 *   npx tsx scripts/eval-retrieval.ts --corpus DIR --queries FILE [--baseline] [--ablation]
 *     [--word-vectors bundled|off|FILE]
 * Prints one JSON object. --baseline adds MiniSearch (default settings, fields title+text)
 * over the same chunks; --ablation adds one row per engine step. Every row also reports
 * recall@1 / recall@5 / MRR@10 on each half of the queries (id parity): a setting is kept
 * only when it helps both.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import MiniSearch from 'minisearch'
import { wordVectorsLoader } from '../app/adapters/knowledge-base/word-vectors.ts'
import {
  createSearchIndex,
  type IndexedChunk,
  type SearchIndexOptions,
} from '../app/core/knowledge/search/index.ts'
import { ABLATION } from './lib/ablation.ts'
import { docIdOf, ingest } from './lib/ingest.ts'
import { type EvalQuery, evaluate, timed } from './lib/retrieval-eval.ts'

/** Chunks retrieved per query: enough to fill 10 distinct documents. */
const DEPTH = 50

function ours(chunks: IndexedChunk[], queries: EvalQuery[], options: SearchIndexOptions) {
  const { value: index, ms } = timed(() => createSearchIndex(chunks, options))
  const retrieve = (q: string) =>
    index.search(q, { maxResults: DEPTH }).map((h) => docIdOf(h.chunk.documentKey))
  return { index_build_ms: ms, ...evaluate(retrieve, queries) }
}

function miniSearch(chunks: IndexedChunk[], queries: EvalQuery[]) {
  const byId = new Map(chunks.map((c) => [c.id, c]))
  const { value: index, ms } = timed(() => {
    const m = new MiniSearch<IndexedChunk>({ fields: ['title', 'text'] })
    m.addAll(chunks)
    return m
  })
  const retrieve = (q: string) =>
    index
      .search(q)
      .slice(0, DEPTH)
      .map((r) => docIdOf(byId.get(String(r.id))?.documentKey ?? ''))
  return { index_build_ms: ms, ...evaluate(retrieve, queries) }
}

async function main() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      queries: { type: 'string' },
      baseline: { type: 'boolean', default: false },
      ablation: { type: 'boolean', default: false },
      'word-vectors': { type: 'string', default: 'bundled' },
    },
  })
  if (!values.corpus || !values.queries) throw new Error('usage: --corpus DIR --queries FILE')
  const lines = (await readFile(values.queries, 'utf8')).split('\n').filter((l) => l.trim())
  const queries = lines.map((l) => JSON.parse(l) as EvalQuery)
  const { chunks, documents } = await ingest(values.corpus)
  // The app's bundled word vectors, as the local knowledge base loads them (KB_WORD_VECTORS).
  const wordVectors = await wordVectorsLoader(values['word-vectors'])()
  const report: Record<string, unknown> = {
    counts: { documents, chunks: chunks.length, queries: queries.length },
    word_vectors: wordVectors?.source ?? 'off',
    ours: ours(chunks, queries, { wordVectors }),
  }
  if (values.baseline) report.minisearch = miniSearch(chunks, queries)
  if (values.ablation)
    report.ablation = ABLATION.map(({ step, options }) => ({
      step,
      ...ours(chunks, queries, { wordVectors, ...options }),
    }))
  console.log(JSON.stringify(report, null, 2))
}

await main()
