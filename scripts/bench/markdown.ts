/** docs/benchmarks.md from one report: the figures, their baselines, and how to reproduce them. */
import type { RoundRange } from './stats.ts'
import type { TargetCheck } from './targets.ts'

interface Load {
  rps: number
  p50_ms: number
  p99_ms: number
  server_cpu_us?: number | null
  baseline?: Load & { what: string }
  ratio?: number
  ratio_rounds?: RoundRange
}

interface ServerSection {
  database: string
  skipped?: string
  ready_context?: Load
  authenticated_route?: Load
  uncached_context?: Load
  uncached_context_1_connection?: Load
  intake?: Load
  queue_drain?: {
    tickets: number
    seconds: number
    tickets_per_s: number
    baseline: { what: string; rps: number }
    ratio: number
  }
  memory?: Record<string, number>
}

interface KnowledgeSection {
  corpus: string
  skipped?: string
  ingestion?: {
    documents: number
    chunks: number
    seconds: number
    documents_per_s: number
    chunks_per_s: number
    baseline: { what: string; seconds: number; documents_per_s: number }
    ratio: number
  }
  resync?: { unchanged: number; ms: number; baseline: { what: string; ms: number }; ratio: number }
  retrieval?: {
    queries: number
    index_build_ms: number
    p50_ms: number
    p99_ms: number
    baseline: { what: string; p50_ms: number; p99_ms: number }
  }
}

export interface RenderedReport {
  date: string
  command: string
  git: { commit: string; dirty: boolean }
  machine: Record<string, string | number>
  settings: {
    quick: boolean
    durationS: number
    warmupS: number
    tickets: number
    rounds: number
  }
  servers: ServerSection[]
  knowledge_base: KnowledgeSection[]
  lambda: {
    runs: number
    baseline: { what: string; kib: number; load_ms: number }
    handlers: Array<{ handler: string; kib: number; load_ms: number; load_ratio: number }>
  } | null
  targets: TargetCheck[]
  duration_s: number
}

const table = (head: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
    .concat(rows.map((row) => `| ${row.join(' | ')} |`))
    .join('\n')

/** `0.52 (rounds 0.49–0.55)`: a ratio and, where the loads took turns, its range over rounds. */
const withRounds = (value: number | string, rounds?: RoundRange) =>
  rounds ? `${value} (rounds ${rounds.min}–${rounds.max})` : `${value}`

const cpu = (load: Load) => (load.server_cpu_us == null ? '–' : load.server_cpu_us)

const loadRow = (name: string, load: Load) => [
  name,
  load.rps,
  load.p50_ms,
  load.p99_ms,
  cpu(load),
  load.baseline
    ? `${load.baseline.what}: ${load.baseline.rps} req/s, p50 ${load.baseline.p50_ms}, p99 ${load.baseline.p99_ms}, server CPU ${cpu(load.baseline)} µs/req`
    : '',
  load.ratio === undefined ? '' : withRounds(load.ratio, load.ratio_rounds),
]

function serverSection(s: ServerSection): string {
  if (s.skipped) return `### ${s.database}\nSkipped: ${s.skipped}`
  const loads: Array<[string, Load | undefined]> = [
    ['`GET /tickets/{id}/context`, ready (10 connections)', s.ready_context],
    ['authenticated no-op route: the app middleware alone (10 connections)', s.authenticated_route],
    ['`GET /tickets/{id}/context`, uncached (10 connections)', s.uncached_context],
    ['`GET /tickets/{id}/context`, uncached (1 connection)', s.uncached_context_1_connection],
    ['`POST /tickets` durable intake (10 connections)', s.intake],
  ]
  const rows = loads
    .filter((l): l is [string, Load] => Boolean(l[1]))
    .map(([n, l]) => loadRow(n, l))
  const parts = [
    `### ${s.database}`,
    table(
      [
        'figure',
        'req/s',
        'p50 ms',
        'p99 ms',
        'server CPU µs/req',
        'baseline (same run)',
        '× baseline',
      ],
      rows,
    ),
  ]
  if (s.queue_drain) {
    const d = s.queue_drain
    parts.push(
      `Queue drain: ${d.tickets} queued tickets ready in ${d.seconds} s = **${d.tickets_per_s} tickets/s** (baseline: ${d.baseline.what}, ${d.baseline.rps}/s; × ${d.ratio}).`,
    )
  }
  if (s.memory) {
    const m = s.memory
    parts.push(
      `Memory (server RSS): ${m.rss_after_boot_mb} MiB after boot, **${m.peak_rss_under_load_mb} MiB peak under the load above** (× ${m.ratio}); ${m.peak_rss_lifetime_mb} MiB lifetime peak including boot (seeding, first sync).`,
    )
  }
  return parts.join('\n\n')
}

function knowledgeSection(sections: KnowledgeSection[]): string {
  const rows = sections.map((k) => {
    if (k.skipped || !k.ingestion || !k.resync)
      return [k.corpus, `skipped: ${k.skipped}`, '', '', '', '']
    const i = k.ingestion
    return [
      k.corpus,
      `${i.documents} docs, ${i.chunks} chunks in ${i.seconds} s`,
      `**${i.documents_per_s} docs/s, ${i.chunks_per_s} chunks/s**`,
      `${i.baseline.what}: ${i.baseline.documents_per_s} docs/s (× ${i.ratio})`,
      `**${k.resync.ms} ms** (${k.resync.unchanged} unchanged)`,
      `${k.resync.baseline.what}: ${k.resync.baseline.ms} ms (× ${k.resync.ratio})`,
    ]
  })
  const parts = [
    table(['corpus', 'full ingestion', 'rate', 'baseline', 'no-change re-sync', 'baseline'], rows),
  ]
  for (const k of sections) {
    const r = k.retrieval
    if (r)
      parts.push(
        `Retrieval over ${k.corpus} (${r.queries} queries, 3 results, min score 0.5): **p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms** per query; baseline ${r.baseline.what}: p50 ${r.baseline.p50_ms} ms, p99 ${r.baseline.p99_ms} ms. Index build (first query): ${r.index_build_ms} ms.`,
      )
  }
  return parts.join('\n\n')
}

function lambdaSection(lambda: RenderedReport['lambda']): string {
  if (!lambda) return 'Not measured in this run.'
  const rows = lambda.handlers.map((h) => [h.handler, h.kib, h.load_ms, h.load_ratio])
  rows.push([`baseline: ${lambda.baseline.what}`, lambda.baseline.kib, lambda.baseline.load_ms, 1])
  return `${table(['handler', 'bundle KiB', `cold module load ms (median of ${lambda.runs})`, '× baseline'], rows)}`
}

export function renderMarkdown(report: RenderedReport): string {
  const m = report.machine
  const targets = table(
    ['target', 'scope', 'measured', 'met'],
    report.targets.map((t) => [
      t.target,
      t.scope,
      withRounds(`${t.value} ${t.unit}`, t.rounds),
      t.met ? 'yes' : '**no**',
    ]),
  )
  return `${[
    '# Benchmarks',
    '_Written by `npm run bench` from one run; re-run it to refresh. Every figure sits beside a baseline measured in the same run, on the same machine: compare the ratios more than the absolute numbers._',
    `Measured ${report.date} on commit \`${report.git.commit.slice(0, 12)}\`${report.git.dirty ? ' (with uncommitted changes)' : ''}, with \`${report.command}\` (${report.settings.quick ? 'quick' : 'full'}: ${report.settings.durationS} s per load after ${report.settings.warmupS} s of warm-up, a figure and its baseline taking turns in ${report.settings.rounds} round${report.settings.rounds === 1 ? '' : 's'}, ${report.settings.tickets} tickets for the context and drain phases; ${report.duration_s} s in all).`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ram_gib} GiB RAM, Node ${m.node} (${m.platform}). Load average ${m.load_average_at_start} at the start and ${m.load_average_at_end} at the end: with ${m.cores} cores, anything above ${m.cores} means other work shared the machine and the figures are noisy.`,
    '## Targets',
    targets,
    '## HTTP, per database',
    'One bench server per database (`scripts/bench/server.ts`): the real app (`bootDeps` + `createApp`, configured by the environment like `npm start`, its `fetch` called directly as `npm start` does) beside a Hono app of bench-only baseline routes, each request sent to one of the two by its path, so they run in the same process on the same port. Load comes from autocannon in the bench process (closed loop: each connection sends its next request when the previous one is answered), on the same two cores as the server. The ready context, the authenticated route and the bare route, like intake and its plain INSERT, are measured taking turns: each warmed up once, then several rounds in which each runs for its share of the time, so a figure and its baseline meet the same machine (a busy neighbour, a slower minute) instead of one running while it is quiet and the other while it is not; each figure sums its rounds (requests over seconds, percentiles over every answer, server CPU over requests).',
    ...report.servers.map(serverSection),
    '## Knowledge base (embedded: file-backed PGlite)',
    knowledgeSection(report.knowledge_base),
    '## Lambda bundles',
    lambdaSection(report.lambda),
    METHOD,
    limits(
      report.targets.some((t) => t.target.startsWith('ready context ≥')) &&
        report.targets.filter((t) => t.target.startsWith('ready context ≥')).every((t) => t.met),
    ),
    REPRODUCE,
  ].join('\n\n')}\n`
}

const METHOD = `## What each figure measures
- **Ready context**: \`GET /tickets/{id}/context\` cycling over the tickets the worker made ready; the stored context is read and presented. Baseline: \`GET /__bare\`, a route answering \`{"ok":true}\` with no middleware and no database.
- **Authenticated no-op route**: \`GET /__authenticated\`, added to the app after its middleware, so all of it that a GET meets runs (correlation id, API key lookup and rate limit, request log; the body limit is only for methods that carry a body), and then answers \`{"ok":true}\` with \`c.json\` like most routes: the cost of the middleware. The ready context can come out ahead of it: it answers with its headers as a plain record that already holds the correlation id, where an answer built by \`c.json\` has that header added afterwards, through a \`Headers\` object.
- **Uncached context**: the same request while the tickets are still queued (worker off), so every request builds the context on demand: customer 360 from the database (the in-process customer cache is off, \`CONTEXT_CACHE_TTL_SECONDS=0\`), two retrievals over the sample knowledge base, sentiment and priority. The p50 target is read at 1 connection (one request's own latency); at 10 connections requests queue behind each other.
- **Intake**: \`POST /tickets\` with a unique external id per request: validation, authentication, and the ticket row and its queue message in one statement (the message's INSERT in a CTE on the ticket's). Baseline: \`POST /__insert\`, the same row inserted alone through the same \`SqlDatabase\` (no validation, no auth, no transaction, no queue message), at the same concurrency.
- **Queue drain**: the worker started on the backlog of queued context tickets, timed until every one is \`ready\`. Baseline: the on-demand build rate of the same tickets (uncached context, 10 connections), i.e. what the queue, the status updates and storing the context cost on top.
- **Memory**: the server's resident set, sampled every 250 ms from \`/proc/<pid>/status\` during the load above.
- **Knowledge base**: a full sync into a fresh database through the sync runner, beside parsing and chunking the same files in memory (\`scripts/lib/ingest.ts\`); a second sync with nothing changed, beside listing the folder (reading and hashing every file, which any change detection must do); retrieval latency per query through the knowledge base port, beside MiniSearch BM25 over the same chunks.
- **Lambda**: \`buildLambdas\` from \`scripts/build.ts\`; the cold module-load time is a fresh \`node\` importing the bundle. Baseline: a minimal Hono Lambda bundled with the same esbuild settings.
- **Server CPU µs/req**: the server process's user + system CPU time (\`/proc/<pid>/stat\`, all its threads) over the measured run, divided by the requests answered: what a request costs the server whichever process limits the throughput, steadier than req/s on a machine the load generator shares.
- **× baseline (rounds a–b)**: for a figure and a baseline that took turns, the ratio of the summed rounds, then the lowest and highest ratio of a single round (the two measured one after the other): how far the machine moved the ratio during the run.
- The server logs one JSON line per request at \`LOG_LEVEL=info\` as in production (to /dev/null); the worker is stopped outside the drain phase so the HTTP figures measure the request path alone.`

const limits = (readyTargetMet: boolean) => `## What limits the figures
- **Ready context vs. the bare route** (target ${readyTargetMet ? 'met' : 'missed'}): a ready context is served from the process's ready-context cache (\`CONTEXT_READY_CACHE_MS\`, 5 s, bounded by the max-age the route already allows shared caches) and, once that time is up, revalidated by its row version (one column) rather than read, parsed and serialised again, every entry due in one query; it is serialised and UTF-8-encoded once per stored ticket, and every read of it is answered with those bytes as they are (the body names the ticket's correlation id; the reading request's own is in the header), with plain-record headers, no validator middleware and no second encoding. What remains is the middleware every authenticated route runs (correlation id and its log line, API key hash, key cache and token bucket) and the HTTP server's own work. The server CPU column says which side limits each figure: the bare route costs the server about 20 µs a request and is limited by autocannon, whose own cost per request is higher (the server idles part of the time), while the ready context costs the server more than twice that and is limited by the server. The ratio is therefore close to autocannon's cost per bare request over the server's cost per ready request, and moves with both; compare runs by their absolute figures as well. Findings behind this, from throwaway harnesses on this machine: (1) the context JSON holds typographic quotes, so as text every answer was measured and encoded character by character twice, which cost more than the rest of the route; (2) a \`Headers\` object built per answer and a validator middleware layer cost microseconds each, a request's whole budget being a few tens; (3) the size of the answer is not the gap: a plain Node HTTP server answering the same 4.4 kB with the same five headers cost the server what it cost to answer 11 bytes (about 20 µs a request under this load); (4) in one process, without sockets, the app's own work for a ready context (routing, middleware, handler, its log line written to /dev/null) measured about 10 µs over a bare Hono route, yet the server spends about 25 µs more CPU on it than on the bare route: the same code costs more between network events than in a tight loop, and no single part dominates (switching parts off one at a time in interleaved runs: the log line's write 3 to 9 µs, the API key check 3 to 9 µs, runs varying by ±4 µs); (5) garbage collection is young-generation scavenges only, about 1.3 µs a request; (6) autocannon is the limit at the bare route, not the server: wrk (a C load generator) keeps the server fully busy there and measured the ready context (500 tickets, PGlite) at 0.2 to 0.3 of it before the latest changes; (7) a whole-system profile of the server (\`perf record\`, JIT symbols from \`--perf-basic-prof\`) shows part of the kernel's share is the load generator's: waiting on a slower server, autocannon must be woken for every ready answer, about 3 µs of the sending side's time a request against well under 1 µs at the bare route, where it is always busy; the rest is spread over the middleware and the HTTP server, no function above 1 µs (taking the log line, the key check, the body copy and the random correlation id out of a copy of the route, all at once, saved 12 to 19 µs, none of them alone more than the noise); (8) the PGlite ready context cost the server 29 to 33 µs a request more than the authenticated no-op route (three interleaved runs of a throwaway harness on a day this machine ran at half speed): with 500 tickets read in turn, each ticket's TTL ran out every 5 s and each was revalidated by a query of its own, about 100 one-row queries a second, which PGlite runs on the server's only thread; one query now checks every entry due (up to 500), and the gap fell to −4 to 14 µs in the same harness; (9) writing the log once per event-loop turn still cost about 2 µs a request under load (a system call and a \`setImmediate\` per turn, about one request a turn); lines now go out every 10 ms; (10) routes that busy-wait 10 and 20 µs before answering like the bare route cost the server 11.6 and 21.5 µs a request more than it, although they too make the server the limit, so the CPU column counts added work one for one and the closed loop adds no server CPU of its own (the sending side's wake-ups of (7) aside); the ready context's extra (about 20 µs of user time, 3 µs of system time over the bare route, from \`/proc/<pid>/stat\`) is the app's own code, costing several times what it costs in a tight loop: the API key check's steps (header, SHA-256, two cache lookups, token bucket) take about 0.4 µs in a loop but about 5 µs in the server, measured side by side in one server process with each step added by a route of its own (header and bearer parsing 1.1, SHA-256 2.1, key cache 0.7 to 1.3, token bucket 0.5 µs), beside about 4.5 µs for the correlation id, its child logger and log line and 0.9 µs for an async middleware layer alone; (11) consecutive runs of identical code moved this ratio between 0.475 and 0.571 and the bare route's cost between 20 and 34 µs a request, more than any part of the route switched off, so each ratio measured in turns now shows its lowest and highest round; (12) the ready context costs the server about twice what the bare route does, whoever limits the throughput: with the load generator and the server pinned to cores of their own (taskset) on a quiet machine, PostgreSQL's ready context took 59.3 µs of server CPU a request against 28.6 for the bare route, and measured 0.499 of it (rounds 0.494–0.509); pinning was then dropped, because a busy neighbour on the load generator's core slows the bare route but not the ready context, and in a noisy run whose rounds took turns pinned and unpinned, the pinned rounds together measured 0.74 (PGlite) and 0.62 (PostgreSQL) of the bare route against 0.51 and 0.58 unpinned: a ratio that rises with the noise measures the noise; (13) most of what the ready context's handler costs is memory traffic, not code: in one server process (loads taking turns, 8 rounds), routes answering the same 4.4 kB after all of the app's middleware cost 60.4 µs a request when it was always the same bytes, 64.3 when it was one of 500 stored answers in turn (rarely in the CPU's cache), 72.5 when that answer was also copied with the request's correlation id appended, as the route then had to (the request's id was part of the answer), and the ready context itself 74.9; writing the stored bytes and the id to the socket as two pieces, without the copy, cost as much again in the adapter's already-sent path and was dropped; the handler now answers a context it holds without a promise, and a request's logger is made only when a handler logs (0.3 µs a request in a loop, within the noise in the server); (14) two server processes running the same code differed by about 4 µs a ready request in one interleaved run, and three of each by 6 to 12 µs among themselves on a noisier day, so each run's ratio also carries which process it got; (15) the copy of (13) is gone: the body's \`correlation_id\` is now the id the ticket was accepted under, the same for every reader, as an edge cache already replayed it to every reader after the first (whose own id it named), and the reading request's id is in the \`x-correlation-id\` header; in a plain Hono server with one async middleware (500 stored 4.6 kB answers, loads taking turns, throwaway harness), answering the stored bytes cost 44.2 and 46.5 µs of server CPU a request against 56.6 and 54.2 with the copy, in two runs; copying the same stored answer every time cost what copying one of 500 in turn did (54.0 against 54.2), so the cost was the copy into fresh memory, not reading the stored bytes; escaping the JSON to ASCII to answer it as text, with the id appended as text, cost more than the copy (43.2 against 40.4 µs, no middleware). On a busy machine (load average above the core count) the ratio swings either way. The first run of this bench, before the cache, the one-time serialisation and the middleware work, measured 0.068 (PGlite) and 0.126 (PostgreSQL) of the bare route.
- **Intake vs. a plain INSERT**: intake validates the body, authenticates, and writes the queue message with the ticket in the same statement. It was a transaction (BEGIN, INSERT the ticket, INSERT its queue message, COMMIT: four round trips instead of one) until one statement measured about a third less time per intake on PGlite (0.9–1.3 ms against 1.5–2.1 ms in three rounds of 300 in a throwaway loop; the plain INSERT 0.9–1.0 ms).
- **Uncached context**: the customer 360 is four queries (profile with lifetime value, recent orders, 90-day interactions, open tickets) plus two retrievals; at 10 connections requests wait for each other, so the 1-connection p50 is the one compared with the target.`

const REPRODUCE = `## How to reproduce
\`\`\`sh
npm ci
npm run bench                          # full run, PGlite and PostgreSQL (about 5 minutes on 2 cores)
npm run bench -- --quick               # shorter loads (a smoke test, not figures to quote)
npm run bench -- --only context,intake --db pglite --out none   # a subset; --out none leaves this file alone
npm run bench -- --postgres postgres://user@host:5432/db        # another PostgreSQL server
\`\`\`
PostgreSQL: the bench creates a database of its own (\`bench_<random>\`) on the server named by \`--postgres\`, \`BENCH_POSTGRES_URL\`, or a \`postgres://\` \`DATABASE_URL\` (default \`postgres://postgres@127.0.0.1:5432/test\`), and drops it at the end; PostgreSQL figures are skipped, with the reason, when it is unreachable. The doc2dial corpus is read from \`../shared/bench/retrieval/doc2dial\` (\`--doc2dial DIR\`). Run it on a quiet machine: the load generator shares the CPU with the server, and the load average printed above says how quiet it was.`
