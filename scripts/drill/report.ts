import type { Counts, TicketAudit } from './tickets.ts'

/** One drill's line in the report: what was sent, what came back, what was lost. */
export interface DrillResult extends Counts {
  name: string
  pass: boolean
  /** Tickets answered 2xx that are not in the database or never became ready. */
  tickets_lost: number
  /** Tickets processed more than once (interactions or `ticket ready` lines). */
  duplicates: number
  seconds: number
  /** Why the drill failed, one line each; empty when it passed. */
  problems: string[]
  details: Record<string, unknown>
}

export function result(
  name: string,
  started: number,
  counts: Counts,
  fields: { tickets_lost?: number; duplicates?: number; problems: string[]; details?: object },
): DrillResult {
  return {
    name,
    pass: fields.problems.length === 0,
    ...counts,
    tickets_lost: fields.tickets_lost ?? 0,
    duplicates: fields.duplicates ?? 0,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    problems: fields.problems,
    details: { ...fields.details },
  }
}

/** Adds `problem` when `ok` is false; returns ok. */
export function expect(problems: string[], ok: boolean, problem: string): boolean {
  if (!ok) problems.push(problem)
  return ok
}

/** The drills' common verdict: every accepted ticket present and ready, each processed once. */
export function expectAcceptedReadyOnce(
  problems: string[],
  audit: TicketAudit,
  duplicates: number,
): void {
  expect(
    problems,
    audit.lost + audit.notReady === 0,
    `${audit.lost} lost, ${audit.notReady} not ready`,
  )
  expect(problems, duplicates === 0, `${duplicates} tickets processed twice`)
}
