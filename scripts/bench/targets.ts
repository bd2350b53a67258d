/** The targets of issue 7, checked against a report's figures. */
import type { RoundRange } from './stats.ts'

export interface TargetCheck {
  target: string
  scope: string
  value: number
  unit: string
  met: boolean
  /** The lowest and highest value of a single round, where the figure was measured in rounds. */
  rounds?: RoundRange
}

interface Figure {
  rps: number
  p50_ms: number
  p99_ms: number
  ratio: number
  ratio_rounds?: RoundRange
}

/** A skipped database has none of the figures. */
export interface ServerFigures {
  database: string
  ready_context?: Figure
  uncached_context_1_connection?: Figure
  intake?: Figure
}

export interface KnowledgeFigures {
  corpus: string
  /** Absent when the corpus was skipped. */
  resync?: { ms: number }
}

export function checkTargets(servers: ServerFigures[], knowledge: KnowledgeFigures[]) {
  const checks: TargetCheck[] = []
  const add = (
    target: string,
    scope: string,
    value: number,
    unit: string,
    met: boolean,
    rounds?: RoundRange,
  ) => checks.push({ target, scope, value, unit, met, ...(rounds ? { rounds } : {}) })
  for (const s of servers) {
    if (s.ready_context) {
      const { ratio, p99_ms, ratio_rounds } = s.ready_context
      const target = 'ready context ≥ 50% of bare throughput'
      add(target, s.database, ratio, '× bare', ratio >= 0.5, ratio_rounds)
      add('ready context p99 < 25 ms (10 connections)', s.database, p99_ms, 'ms', p99_ms < 25)
    }
    if (s.uncached_context_1_connection) {
      const { p50_ms } = s.uncached_context_1_connection
      add('uncached context p50 < 15 ms', s.database, p50_ms, 'ms', p50_ms < 15)
    }
    if (s.intake) add('intake ≥ 500 tickets/s', s.database, s.intake.rps, '/s', s.intake.rps >= 500)
  }
  for (const { corpus, resync } of knowledge)
    if (resync) add('no-change re-sync < 1 s', corpus, resync.ms, 'ms', resync.ms < 1_000)
  return checks
}
