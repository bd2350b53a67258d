import { rmSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { crashDrill } from './drill/crash.ts'
import { pgliteDatabase, postgresDatabase, tempRoot } from './drill/database.ts'
import { fuzzDrill } from './drill/fuzz-drill.ts'
import { knowledgeBaseDrill } from './drill/kb-failure.ts'
import { loadDrill } from './drill/load.ts'
import { postgresRestartDrill } from './drill/pg-restart.ts'
import { piiDrill } from './drill/pii.ts'
import { type OwnPostgres, startOwnPostgres } from './drill/postgres.ts'
import type { DrillResult } from './drill/report.ts'
import { allServerLogs } from './drill/server.ts'

/**
 * Reliability drills against the real server (child processes): `npm run drill [-- --quick]
 * [--only load,crash,...]`. Prints one JSON report; exits 1 when any drill fails.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string' },
  },
})
const quick = values.quick ?? false
const NAMES = ['fuzz', 'load', 'crash', 'crash-postgres', 'postgres-restart', 'kb', 'pii'] as const
type Name = (typeof NAMES)[number]
const only = values.only?.split(',').map((s) => s.trim()) ?? [...NAMES]
const unknown = only.filter((name) => !NAMES.includes(name as Name))
if (unknown.length) {
  process.stderr.write(`unknown drill ${unknown.join(', ')}; choose from ${NAMES.join(', ')}\n`)
  process.exit(2)
}
const wanted = (name: Name) => only.includes(name)
const needsPostgres = ['fuzz', 'crash-postgres', 'postgres-restart', 'kb'].some((n) =>
  wanted(n as Name),
)

const root = tempRoot()
let postgres: OwnPostgres | undefined
const cleanUp = () => {
  postgres?.destroy()
  postgres = undefined
  rmSync(root, { recursive: true, force: true })
}
process.on('SIGINT', () => {
  cleanUp()
  process.exit(130)
})

const drills: DrillResult[] = []
const started = new Date()
try {
  if (needsPostgres) postgres = await startOwnPostgres()
  const pg = () => postgres as OwnPostgres
  const run = async (name: Name, drill: () => Promise<DrillResult>) => {
    if (!wanted(name)) return
    process.stderr.write(`drill ${name}...\n`)
    const outcome = await drill()
    process.stderr.write(
      `drill ${name}: ${outcome.pass ? 'pass' : 'FAIL'} (${outcome.seconds} s)\n`,
    )
    drills.push(outcome)
  }
  const seed = values.seed ? Number(values.seed) : undefined
  await run('fuzz', () =>
    fuzzDrill({ database: postgresDatabase(pg(), 'drill_fuzz'), cases: quick ? 600 : 4_000, seed }),
  )
  await run('load', () => loadDrill({ database: pgliteDatabase(root), seconds: quick ? 10 : 60 }))
  await run('crash', () =>
    crashDrill({
      name: 'crash (pglite)',
      database: pgliteDatabase(root),
      tickets: quick ? 500 : 2_000,
    }),
  )
  await run('crash-postgres', () =>
    crashDrill({
      name: 'crash (postgres)',
      database: postgresDatabase(pg(), 'drill_crash'),
      tickets: quick ? 500 : 2_000,
    }),
  )
  await run('postgres-restart', () =>
    postgresRestartDrill({
      postgres: pg(),
      database: postgresDatabase(pg(), 'drill_restart'),
      phaseMs: quick ? 5_000 : 10_000,
    }),
  )
  await run('kb', () =>
    knowledgeBaseDrill({
      database: postgresDatabase(pg(), 'drill_kb'),
      faultMs: quick ? 12_000 : 20_000,
    }),
  )
  if (wanted('pii'))
    drills.push(piiDrill(allServerLogs.map((l) => ({ name: l.name, text: l.text() }))))
} finally {
  cleanUp()
}

const sum = (key: 'requests' | 'errors' | '5xx' | 'tickets_lost' | 'duplicates') =>
  drills.reduce((total, d) => total + d[key], 0)
const report = {
  command: `npx tsx scripts/drill.ts${quick ? ' --quick' : ''}${values.only ? ` --only ${values.only}` : ''}`,
  date: started.toISOString(),
  machine: {
    node: process.version,
    cpus: cpus().length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
  },
  pass: drills.every((d) => d.pass),
  totals: {
    requests: sum('requests'),
    // Requests sent after a crash drill's SIGKILL cannot be answered: that is the drill.
    errors: drills.filter((d) => !d.name.startsWith('crash')).reduce((n, d) => n + d.errors, 0),
    unanswered_after_sigkill: drills
      .filter((d) => d.name.startsWith('crash'))
      .reduce((n, d) => n + d.errors, 0),
    '5xx': sum('5xx'),
    tickets_lost: sum('tickets_lost'),
    duplicates: sum('duplicates'),
  },
  drills,
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
process.exit(report.pass ? 0 : 1)
