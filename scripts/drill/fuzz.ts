import fc from 'fast-check'
import type { SqlExecutor } from '../../app/ports/sql.ts'
import { type FuzzContext, type FuzzRequest, type Operation, requestsFor } from './fuzz-requests.ts'

export type Send = (request: FuzzRequest) => Promise<Response>

/** Rows a rejected request must never add. */
export const STORED_TABLES = ['tickets', 'queue_messages', 'outbox_messages', 'ticket_feedback']
export type RowCounts = Record<string, number>

export async function rowCounts(db: SqlExecutor): Promise<RowCounts> {
  const counts: RowCounts = {}
  for (const table of STORED_TABLES) {
    // Table names come from the constant above, never from input.
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`)
    counts[table] = row?.n ?? 0
  }
  return counts
}

export interface FuzzFailure {
  operation: string
  method: string
  path: string
  status: number
  problem: string
}

export interface FuzzResult {
  seed: number
  requests: number
  status: { '2xx': number; '3xx': number; '4xx': number; '5xx': number }
  /** Requests per operation, so a route the generator never reached shows up as 0. */
  perOperation: Record<string, number>
  failures: FuzzFailure[]
  /** What 2xx answers said they stored; compared with the row counts by checkStored. */
  accepted: { created: number; queued: number; feedback: number }
  /** Bodies over the limit whose connection the server closed before answering (allowed). */
  refusedUploads: number
  /** Requests sent again because their reused connection had been closed by the server. */
  connectionResets: number
}

const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/

/** Everything wrong with one answer: a 5xx, or an error outside the one error shape. */
export async function problemsOf(request: FuzzRequest, response: Response): Promise<string[]> {
  const problems: string[] = []
  const header = response.headers.get('x-correlation-id')
  const text = request.method === 'HEAD' ? '' : await response.text()
  if (response.status >= 500) problems.push(`5xx: ${text.slice(0, 300)}`)
  if (!header) problems.push('no x-correlation-id header')
  const sent = request.headers['x-correlation-id']
  // A 431 comes from Node's parser, before any header was read: a fresh id is all it can give.
  if (sent && ACCEPTABLE_ID.test(sent) && header !== sent && response.status !== 431)
    problems.push('correlation id not echoed')
  if (response.status >= 400 && request.method !== 'HEAD') {
    let body: { error?: Record<string, unknown> } | undefined
    try {
      body = JSON.parse(text)
    } catch {
      problems.push(`error body is not JSON: ${text.slice(0, 120)}`)
    }
    const error = body?.error
    if (body && (typeof error?.code !== 'string' || typeof error.message !== 'string'))
      problems.push(`error body not in the error shape: ${text.slice(0, 200)}`)
    else if (error && error.correlation_id !== header)
      problems.push('error correlation_id differs from the x-correlation-id header')
    if (error && 'details' in error && !Array.isArray(error.details))
      problems.push('error.details is not an array')
  }
  return problems
}

function tally(result: FuzzResult, request: FuzzRequest, status: number, text: string) {
  if (status < 200 || status >= 300) return
  let body: { outcome?: string; results?: { outcome: string }[]; recorded?: number } = {}
  try {
    body = JSON.parse(text)
  } catch {
    return
  }
  const outcomes = body.results?.map((r) => r.outcome) ?? (body.outcome ? [body.outcome] : [])
  for (const outcome of outcomes) {
    if (outcome === 'created') result.accepted.created++
    if (outcome === 'created' || outcome === 'updated') result.accepted.queued++
  }
  if (request.path.includes('/feedback') && typeof body.recorded === 'number')
    result.accepted.feedback += body.recorded
}

/**
 * Sends `cases` generated requests spread over `operations` (`concurrency` at a time) and checks
 * each answer. Deterministic for a given seed, so a failure can be replayed.
 */
export async function runFuzz({
  send,
  operations,
  ctx,
  cases,
  seed = Date.now() % 2 ** 31,
  concurrency = 4,
}: {
  send: Send
  operations: Operation[]
  ctx: FuzzContext
  cases: number
  seed?: number
  concurrency?: number
}): Promise<FuzzResult> {
  // Webhooks (six vendors behind one route) and intake carry the most logic: aim more there.
  const weightOf = (op: Operation) =>
    op.path.startsWith('/webhooks/') ? 6 : op.method === 'POST' && op.path === '/tickets' ? 3 : 1
  const arbitrary = fc.oneof(
    ...operations.map((op) => ({ arbitrary: requestsFor(op, ctx), weight: weightOf(op) })),
  )
  const requests = fc.sample(arbitrary, { numRuns: cases, seed })
  const result: FuzzResult = {
    seed,
    requests: 0,
    status: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    perOperation: Object.fromEntries(operations.map((op) => [`${op.method} ${op.path}`, 0])),
    failures: [],
    accepted: { created: 0, queued: 0, feedback: 0 },
    refusedUploads: 0,
    connectionResets: 0,
  }
  let next = 0
  async function lane() {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest
      await runOne(send, request, result, ctx.maxBodyBytes)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return result
}

async function runOne(send: Send, request: FuzzRequest, result: FuzzResult, maxBodyBytes: number) {
  result.requests++
  result.perOperation[request.operation] = (result.perOperation[request.operation] ?? 0) + 1
  let response: Response
  try {
    response = await sendAgainOnReset(send, request, result)
  } catch (error) {
    // A server may close the connection instead of reading an oversized upload to the end.
    if ((request.body?.length ?? 0) > maxBodyBytes) {
      result.refusedUploads++
      return
    }
    result.failures.push({
      ...describe(request),
      status: 0,
      problem: `no answer: ${String(error)} ${String((error as Error).cause ?? '')}`,
    })
    return
  }
  const klass = `${Math.floor(response.status / 100)}xx` as keyof FuzzResult['status']
  if (klass in result.status) result.status[klass]++
  const text = await response.clone().text()
  tally(result, request, response.status, text)
  for (const problem of await problemsOf(request, response))
    result.failures.push({ ...describe(request), status: response.status, problem })
}

/** A keep-alive connection the server had closed after an earlier answer: counted, sent again. */
async function sendAgainOnReset(send: Send, request: FuzzRequest, result: FuzzResult) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(request)
    } catch (error) {
      const reset = /other side closed|EPIPE|ECONNRESET/.test(String((error as Error).cause))
      if (!reset || attempt >= 3) throw error
      result.connectionResets++
    }
  }
}

const describe = (r: FuzzRequest) => ({
  operation: r.operation,
  method: r.method,
  path: r.path.length > 160 ? `${r.path.slice(0, 160)}…` : r.path,
})

/**
 * Nothing stored from a rejected request: each table grew by exactly what the 2xx answers said
 * they stored (feedback upserts may add fewer rows than verdicts recorded).
 */
export function checkStored(before: RowCounts, after: RowCounts, result: FuzzResult): string[] {
  const grew = (table: string) => (after[table] ?? 0) - (before[table] ?? 0)
  const problems: string[] = []
  if (grew('tickets') !== result.accepted.created)
    problems.push(`tickets grew by ${grew('tickets')}, ${result.accepted.created} were accepted`)
  if (grew('queue_messages') + grew('outbox_messages') !== result.accepted.queued)
    problems.push(`queue grew by ${grew('queue_messages')}, ${result.accepted.queued} were queued`)
  const feedback = grew('ticket_feedback')
  if (feedback < 0 || feedback > result.accepted.feedback)
    problems.push(
      `feedback grew by ${feedback}, ${result.accepted.feedback} verdicts were accepted`,
    )
  return problems
}
