/**
 * The HTTP figures of one database mode, all against one bench server (a child process) in one
 * run: ticket context (uncached, ready) beside the bare route, queue drain beside the on-demand
 * build of the same tickets, intake beside a plain INSERT of the same row, and peak memory.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchDatabase } from './databases.ts'
import {
  type LoadOptions,
  type LoadResult,
  type LoadSample,
  runLoad,
  sampleLoad,
  sampleRps,
  summariseLoad,
} from './load.ts'
import { type BenchServer, startBenchServer } from './server-process.ts'
import { ratio, ratioRange, round } from './stats.ts'
import { benchTicket, cycle } from './tickets.ts'

export interface ServerSuiteSettings {
  durationS: number
  warmupS: number
  /** Tickets made for the context and drain phases. */
  tickets: number
  /**
   * A figure and its baseline are measured in this many alternating rounds of durationS / rounds
   * seconds each, so both share whatever else the machine was doing (docs/benchmarks.md).
   */
  rounds: number
  documentsDir: string
  tmpDir: string
  sections: { context: boolean; drain: boolean; intake: boolean }
}

export async function runServerSuite(database: BenchDatabase, settings: ServerSuiteSettings) {
  const server = await startBenchServer({
    DATABASE_URL: database.url,
    DOCUMENTS_URL: `file://${settings.documentsDir}`,
    SEED_ON_START: 'true',
    KB_SYNC_ON_START: 'true',
    KB_WATCH: 'false',
    // The worker runs only in the drain phase, so the HTTP figures measure the request path.
    WORKER_ENABLED: 'false',
    // Every customer 360 is built from the database: no figure is flattered by this cache.
    CONTEXT_CACHE_TTL_SECONDS: '0',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    DEV_API_KEY_FILE: `${settings.tmpDir}/dev-api-key-${database.mode}`,
  })
  const memory = await sampleMemory(server)
  try {
    const phases = await runPhases(server, settings)
    return { database: database.mode, ...phases, memory: await memory.stop() }
  } finally {
    await memory.stop()
    await server.stop()
  }
}

async function runPhases(server: BenchServer, settings: ServerSuiteSettings) {
  // One load alone: warmed up, then measured in one run of durationS.
  const measure = async (options: Measured) =>
    (await measureInterleaved(server, [options], { ...settings, rounds: 1 }))[0] as LoadResult
  const alternate = (...loads: Measured[]) => measureInterleaved(server, loads, settings)
  const { context, drain, intake } = settings.sections
  return {
    ...(context || drain ? await contextAndDrain(server, measure, alternate, settings) : {}),
    ...(intake ? await intakeFigures(alternate) : {}),
  }
}

type Interleaved = (...loads: Measured[]) => Promise<LoadResult[]>

/**
 * Tickets are made with the worker off, so their contexts are first built on demand
 * (uncached), then the worker drains them, then the same tickets are read ready.
 */
async function contextAndDrain(
  server: BenchServer,
  measure: (options: Measured) => Promise<LoadResult>,
  alternate: Interleaved,
  settings: ServerSuiteSettings,
) {
  const prefix = `CTX-${Date.now()}-`
  const ids = await createTickets(server, prefix, settings.tickets)
  const paths = () => contextPaths(ids)
  const { context, drain } = settings.sections
  const bareAlone = context ? await measure({ path: () => '/__bare', connections: 1 }) : null
  const uncachedAlone = context ? await measure({ path: paths(), connections: 1 }) : null
  const uncached = await measure({ path: paths() })
  const drained = await drainQueue(server, prefix, ids.length)
  const queue_drain = {
    ...drained,
    baseline: { what: 'on-demand context build of the same tickets', rps: uncached.rps },
    ratio: ratio(drained.tickets_per_s, uncached.rps),
  }
  if (!context || !bareAlone || !uncachedAlone) return { queue_drain }
  const [bare, authenticated, ready] = (await alternate(
    { path: () => '/__bare' },
    { path: () => '/__authenticated' },
    { path: paths() },
  )) as [LoadResult, LoadResult, LoadResult]
  return {
    ready_context: withBaseline(ready, bare, 'bare Hono route'),
    // What the app's middleware alone costs: the ceiling of a context served without the database.
    authenticated_route: withBaseline(authenticated, bare, 'bare Hono route'),
    uncached_context: withBaseline(uncached, bare, 'bare Hono route'),
    uncached_context_1_connection: withBaseline(uncachedAlone, bareAlone, 'bare Hono route'),
    ...(drain ? { queue_drain } : {}),
  }
}

async function intakeFigures(alternate: Interleaved) {
  const [intake, insert] = (await alternate(
    { method: 'POST', path: () => '/tickets', body: bodies('IN') },
    { method: 'POST', path: () => '/__insert', body: bodies('INS') },
  )) as [LoadResult, LoadResult]
  return { intake: withBaseline(intake, insert, 'plain INSERT of the ticket row') }
}

type Measured = Omit<LoadOptions, 'url' | 'durationS' | 'headers'>

/**
 * A figure, its baseline from the same run, and figure ÷ baseline throughput; for loads that
 * took turns, also the lowest and highest ratio of a single round.
 */
const withBaseline = (figure: LoadResult, baseline: LoadResult, what: string) => {
  const rounds = ratioRange(figure.round_rps ?? [], baseline.round_rps ?? [])
  return {
    ...figure,
    baseline: { what, ...baseline },
    ratio: ratio(figure.rps, baseline.rps),
    ...(rounds ? { ratio_rounds: rounds } : {}),
  }
}

/**
 * Loads measured in turns: each warmed up once, then `rounds` rounds in which each runs for
 * durationS / rounds seconds, so a figure and its baseline see the same machine (a busy
 * neighbour, a slower minute) rather than one the first half of the time and the other the rest.
 * Each figure sums its rounds: requests over seconds, percentiles over every answer, server CPU
 * over requests; each round's req/s is kept too.
 */
async function measureInterleaved(
  server: BenchServer,
  loads: Measured[],
  settings: Pick<ServerSuiteSettings, 'durationS' | 'warmupS' | 'rounds'>,
): Promise<LoadResult[]> {
  const base = {
    url: server.url,
    headers: { authorization: `Bearer ${server.apiKey}` },
  }
  for (const load of loads) await runLoad({ ...base, ...load, durationS: settings.warmupS })
  const runs = loads.map((load) => ({ load, samples: [] as LoadSample[], cpu: 0 as number | null }))
  for (let turn = 0; turn < settings.rounds; turn++) {
    for (const run of runs) {
      const before = server.cpuMicros()
      const durationS = settings.durationS / settings.rounds
      run.samples.push(await sampleLoad({ ...base, ...run.load, durationS }))
      const after = server.cpuMicros()
      run.cpu =
        run.cpu === null || before === null || after === null ? null : run.cpu + after - before
    }
  }
  return runs.map(({ load, samples, cpu }) => {
    const result = summariseLoad(samples)
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(
        `load on ${load.path()} got ${result.non2xx} non-2xx, ${result.errors} errors`,
      )
    // What each request cost the server, whichever process (server or load generator) was the
    // limit: steadier than req/s on a machine the two share.
    const server_cpu_us =
      cpu === null || result.requests === 0 ? null : round(cpu / result.requests, 1)
    const round_rps = samples.map(sampleRps)
    return { ...result, server_cpu_us, round_rps }
  })
}

const contextPaths = (ids: string[]) => {
  const next = cycle(ids)
  return () => `/tickets/${next()}/context`
}

/** A unique ticket per call (a fresh external id), as JSON. */
function bodies(kind: string): () => string {
  const prefix = `${kind}-${Date.now()}-`
  let n = 0
  return () => JSON.stringify(benchTicket(prefix, n++))
}

/** Posts `count` tickets, 10 at a time; resolves their ids. */
async function createTickets(server: BenchServer, prefix: string, count: number) {
  const ids: string[] = []
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i)
    const made = await Promise.all(
      batch.map((n) =>
        server.call<{ ticket_id: string }>('/tickets', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(benchTicket(prefix, n)),
        }),
      ),
    )
    ids.push(...made.map((m) => m.ticket_id))
  }
  return ids
}

const DRAIN_TIMEOUT_MS = 300_000

/** Starts the worker on a backlog of `count` queued tickets; times until all are ready. */
async function drainQueue(server: BenchServer, prefix: string, count: number) {
  const started = performance.now()
  await server.call('/__worker/start', { method: 'POST' })
  let counts: Record<string, number> = {}
  while ((counts.ready ?? 0) + (counts.failed ?? 0) < count) {
    if (performance.now() - started > DRAIN_TIMEOUT_MS)
      throw new Error(`drain not finished in ${DRAIN_TIMEOUT_MS} ms: ${JSON.stringify(counts)}`)
    await sleep(100)
    counts = await server.call(`/__tickets?prefix=${encodeURIComponent(prefix)}`)
  }
  const seconds = (performance.now() - started) / 1000
  await server.call('/__worker/stop', { method: 'POST' })
  if (counts.failed) throw new Error(`${counts.failed} tickets failed during the drain`)
  return { tickets: count, seconds: round(seconds, 2), tickets_per_s: round(count / seconds, 1) }
}

/**
 * Samples the server's resident memory every 250 ms from now until stopped (stop() is
 * idempotent). The lifetime peak also covers boot (seeding, the first knowledge-base sync).
 */
async function sampleMemory(server: BenchServer) {
  const afterBoot = await server.rss()
  let peak = afterBoot
  const timer = setInterval(() => {
    void server.rss().then((rss) => {
      peak = Math.max(peak, rss)
    })
  }, 250)
  let result: Record<string, number> | null = null
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 1)
  return {
    async stop() {
      if (result) return result
      clearInterval(timer)
      peak = Math.max(peak, await server.rss())
      result = {
        rss_after_boot_mb: mb(afterBoot),
        peak_rss_under_load_mb: mb(peak),
        peak_rss_lifetime_mb: mb(await server.peakRss()),
        ratio: ratio(peak, afterBoot),
      }
      return result
    },
  }
}
