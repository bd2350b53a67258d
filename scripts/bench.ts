/**
 * The benchmarks of issue 7: one JSON report on stdout, and docs/benchmarks.md written from it.
 *   npm run bench [-- --quick] [-- --only context,drain,intake,kb,lambda] [-- --db pglite,postgres]
 *                 [-- --postgres URL] [-- --doc2dial DIR] [-- --out FILE|none]
 * Every figure comes with a baseline measured in the same run (machines are noisy); progress
 * goes to stderr. PostgreSQL: --postgres, else BENCH_POSTGRES_URL or a postgres:// DATABASE_URL,
 * else the local server the README uses; each run works in a database of its own, dropped after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { DatabaseMode } from './bench/databases.ts'
import { runLambdaSuite } from './bench/lambda.ts'
import { describeCommit, describeMachine } from './bench/machine.ts'
import { renderMarkdown } from './bench/markdown.ts'
import { knowledgeFigures, progress, serverFigures } from './bench/sections.ts'
import { checkTargets } from './bench/targets.ts'

const ROOT = resolve(import.meta.dirname, '..')
const SECTIONS = ['context', 'drain', 'intake', 'kb', 'lambda'] as const
type Section = (typeof SECTIONS)[number]

const FULL = { durationS: 10, rounds: 5, warmupS: 2, tickets: 500, lambdaRuns: 5 }
const QUICK = { durationS: 3, rounds: 1, warmupS: 1, tickets: 60, lambdaRuns: 1 }

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      db: { type: 'string', default: 'pglite,postgres' },
      postgres: { type: 'string' },
      doc2dial: { type: 'string', default: join(ROOT, '..', 'shared/bench/retrieval/doc2dial') },
      out: { type: 'string', default: 'docs/benchmarks.md' },
    },
  })
  const only = values.only?.split(',').map((s) => s.trim()) ?? [...SECTIONS]
  const unknown = only.filter((s) => !SECTIONS.includes(s as Section))
  if (unknown.length) throw new Error(`unknown --only ${unknown.join(',')}: use ${SECTIONS}`)
  const postgresUrl =
    values.postgres ??
    process.env.BENCH_POSTGRES_URL ??
    (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined) ??
    'postgres://postgres@127.0.0.1:5432/test'
  const databases = values.db.split(',').map((s) => s.trim())
  const badDb = databases.filter((d) => d !== 'pglite' && d !== 'postgres')
  if (badDb.length) throw new Error(`unknown --db ${badDb.join(',')}: use pglite,postgres`)
  const has = (section: Section) => only.includes(section)
  return {
    quick: values.quick,
    settings: values.quick ? QUICK : FULL,
    has,
    sections: { context: has('context'), drain: has('drain'), intake: has('intake') },
    databases: databases as DatabaseMode[],
    postgresUrl,
    doc2dial: resolve(values.doc2dial),
    out: values.out === 'none' ? null : resolve(ROOT, values.out),
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const options = parseOptions(argv)
  const started = performance.now()
  const tmpDir = mkdtempSync(join(tmpdir(), 'bench-run-'))
  try {
    const machine = describeMachine()
    const sectionOptions = { ...options, root: ROOT, tmpDir }
    const servers = await serverFigures(sectionOptions)
    const knowledge = options.has('kb') ? await knowledgeFigures(sectionOptions) : []
    if (options.has('lambda')) progress('lambda bundles')
    const lambda = options.has('lambda')
      ? await runLambdaSuite({ runs: options.settings.lambdaRuns })
      : null
    const report = {
      date: new Date().toISOString(),
      command: ['npx tsx scripts/bench.ts', ...argv].join(' '),
      git: describeCommit(ROOT),
      machine: { ...machine, load_average_at_end: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
      settings: { quick: options.quick, ...options.settings },
      servers,
      knowledge_base: knowledge,
      lambda,
      targets: checkTargets(servers, knowledge),
      duration_s: Math.round((performance.now() - started) / 1000),
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    if (options.out) writeFileSync(options.out, renderMarkdown(report))
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
}

await main()
// deps.close() leaves its shutdown-grace timer armed for up to 10 s; nothing else is pending.
process.exit(0)
