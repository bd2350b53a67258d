import { performance } from 'node:perf_hooks'
import {
  firstAppearances,
  ndcgAt,
  percentile,
  recallAt,
  reciprocalRankAt,
} from '../../app/core/knowledge/search/metrics.ts'

export interface EvalQuery {
  id: string
  text: string
  relevant_doc_ids: string[]
}

/** A retriever under test: document ids of its chunk hits, best first (repeats allowed). */
export type Retrieve = (query: string) => string[]

export interface EvalReport {
  recall_at_1: number
  recall_at_5: number
  mrr_at_10: number
  ndcg_at_10: number
  query_p50_ms: number
  query_p99_ms: number
  /** recall@1 / recall@5 / MRR@10 on each half (query id parity), to check generalisation. */
  halves: Record<'even' | 'odd', [number, number, number]>
}

/** Half of a query by the parity of its id's last hex digit (ids end in a hash). */
export const halfOf = (q: EvalQuery): 'even' | 'odd' =>
  Number.parseInt(q.id.slice(-1), 16) % 2 === 0 ? 'even' : 'odd'

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

interface Sums {
  n: number
  r1: number
  r5: number
  mrr: number
  ndcg: number
}

const zero = (): Sums => ({ n: 0, r1: 0, r5: 0, mrr: 0, ndcg: 0 })

function add(sums: Sums, docs: string[], relevant: ReadonlySet<string>) {
  sums.n++
  sums.r1 += recallAt(docs, relevant, 1)
  sums.r5 += recallAt(docs, relevant, 5)
  sums.mrr += reciprocalRankAt(docs, relevant, 10)
  sums.ndcg += ndcgAt(docs, relevant, 10)
}

const mean = (s: Sums, key: Exclude<keyof Sums, 'n'>) => round(s[key] / Math.max(s.n, 1))
const triple = (s: Sums): [number, number, number] => [mean(s, 'r1'), mean(s, 'r5'), mean(s, 'mrr')]

/** Runs every query once and averages document-level metrics over them. */
export function evaluate(retrieve: Retrieve, queries: EvalQuery[]): EvalReport {
  const all = zero()
  const halves = { even: zero(), odd: zero() }
  const times: number[] = []
  for (const q of queries) {
    const start = performance.now()
    const docs = firstAppearances(retrieve(q.text), 10)
    times.push(performance.now() - start)
    const relevant = new Set(q.relevant_doc_ids)
    add(all, docs, relevant)
    add(halves[halfOf(q)], docs, relevant)
  }
  return {
    recall_at_1: mean(all, 'r1'),
    recall_at_5: mean(all, 'r5'),
    mrr_at_10: mean(all, 'mrr'),
    ndcg_at_10: mean(all, 'ndcg'),
    query_p50_ms: round(percentile(times, 50), 3),
    query_p99_ms: round(percentile(times, 99), 3),
    halves: { even: triple(halves.even), odd: triple(halves.odd) },
  }
}

/** Wall time of a synchronous build, with its result. */
export function timed<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = build()
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 }
}
