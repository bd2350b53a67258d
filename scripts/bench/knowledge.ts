/**
 * Knowledge-base figures on the embedded stack (file-backed PGlite, a documents folder):
 * a full ingestion beside parsing and chunking alone, a no-change re-sync beside reading and
 * hashing the files alone, and retrieval per query beside a MiniSearch BM25 index.
 */
import { readFileSync } from 'node:fs'
import MiniSearch from 'minisearch'
import { loadConfig } from '../../app/config.ts'
import type { IndexedChunk } from '../../app/core/knowledge/search/index.ts'
import { createDeps, type Deps } from '../../app/deps.ts'
import { createLogger } from '../../app/observability/logger.ts'
import { ingest } from '../lib/ingest.ts'
import { freshPglite } from './databases.ts'
import { latencySummary, ratio, round, timed } from './stats.ts'

export interface Corpus {
  name: string
  dir: string
  /** JSON lines with a `text` field: the retrieval queries (none: no retrieval figures). */
  queriesFile?: string
}

export async function runKnowledgeSuite(corpus: Corpus) {
  const database = freshPglite()
  const deps = await createDeps(
    loadConfig({
      DATABASE_URL: database.url,
      DOCUMENTS_URL: `file://${corpus.dir}`,
      KB_WATCH: 'false',
      LOG_LEVEL: 'silent',
    }),
    { logger: createLogger({ level: 'silent' }) },
  )
  try {
    // A discarded pass first: the parsers' modules load and JIT-compile once, so neither the
    // baseline nor the sync after it pays for that.
    await ingest(corpus.dir)
    const baseline = await timed(() => ingest(corpus.dir))
    const full = await sync(deps)
    const resync = await sync(deps)
    const listing = await timed(async () => {
      for await (const _ of deps.documents.list());
    })
    const { documents, chunks } = { documents: full.counts.added, chunks: full.counts.chunks }
    const perSecond = (count: number, ms: number) => round(count / (ms / 1000), 1)
    return {
      corpus: corpus.name,
      ingestion: {
        documents,
        chunks,
        seconds: round(full.ms / 1000, 2),
        documents_per_s: perSecond(documents, full.ms),
        chunks_per_s: perSecond(chunks, full.ms),
        baseline: {
          what: 'parse and chunk in memory, nothing stored',
          seconds: round(baseline.ms / 1000, 2),
          documents_per_s: perSecond(baseline.value.documents, baseline.ms),
        },
        ratio: ratio(baseline.ms, full.ms),
      },
      resync: {
        unchanged: resync.counts.unchanged,
        ms: round(resync.ms, 1),
        baseline: { what: 'read and hash every file', ms: round(listing.ms, 1) },
        ratio: ratio(resync.ms, listing.ms),
      },
      ...(corpus.queriesFile
        ? { retrieval: await retrieval(deps, baseline.value.chunks, corpus.queriesFile) }
        : {}),
    }
  } finally {
    await deps.close()
    await database.drop()
  }
}

/** One sync, start to finish, through the runner as the server runs it. */
async function sync(deps: Deps) {
  const { value: record, ms } = await timed(async () => {
    const { jobId } = await deps.knowledgeBase.startSync('manual')
    await deps.syncRunner.idle()
    return deps.knowledgeBase.getSync(jobId)
  })
  if (record?.status !== 'SUCCEEDED')
    throw new Error(`sync ended ${record?.status}: ${JSON.stringify(record?.failures)}`)
  return { counts: record.counts, ms }
}

/** Per-query latency of the knowledge base as a ticket asks it (3 results, min score 0.5). */
async function retrieval(deps: Deps, chunks: IndexedChunk[], queriesFile: string) {
  const queries = readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text)
  // The first retrieval loads the chunks and builds the in-memory index: timed on its own.
  const build = await timed(() => deps.knowledgeBase.retrieve('warm up'))
  const ours: number[] = []
  for (const query of queries) {
    const { ms } = await timed(() => deps.knowledgeBase.retrieve(query, { maxResults: 3 }))
    ours.push(ms)
  }
  const index = new MiniSearch<IndexedChunk>({ fields: ['title', 'text'] })
  index.addAll(chunks)
  const bm25: number[] = []
  for (const query of queries) {
    const { ms } = await timed(async () => index.search(query).slice(0, 3))
    bm25.push(ms)
  }
  const summary = latencySummary(ours)
  const baseline = latencySummary(bm25)
  return {
    queries: queries.length,
    index_build_ms: round(build.ms, 1),
    ...summary,
    baseline: { what: 'MiniSearch BM25 over the same chunks', ...baseline },
    p50_ratio: ratio(summary.p50_ms, baseline.p50_ms),
  }
}
