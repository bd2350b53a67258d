import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { summariseLoad } from '../scripts/bench/load.ts'
import { renderMarkdown } from '../scripts/bench/markdown.ts'
import { ratioRange } from '../scripts/bench/stats.ts'
import { checkTargets } from '../scripts/bench/targets.ts'

const BENCH = new URL('../scripts/bench.ts', import.meta.url).pathname

/**
 * A smoke test of the harness, end to end: the bench server boots as a child, autocannon loads
 * it, the report and the Markdown come out. It asserts shapes and that figures were measured,
 * never how fast anything is: speed is for `npm run bench` on a quiet machine.
 */
describe('npm run bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-test-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('measures intake beside its baseline and writes the report and the Markdown', async () => {
    const out = join(dir, 'benchmarks.md')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', BENCH, '--quick', '--only', 'intake', '--db', 'pglite', '--out', out],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    const report = JSON.parse(stdout)
    const [server] = report.servers
    assert.equal(report.servers.length, 1)
    assert.equal(server.database, 'pglite')
    for (const figure of [server.intake, server.intake.baseline]) {
      assert.ok(figure.rps > 0 && figure.p50_ms > 0 && figure.p99_ms >= figure.p50_ms)
      assert.equal(figure.non2xx, 0)
      // Read from /proc on Linux (CI's machine): the server's CPU time per request.
      if (process.platform === 'linux') assert.ok(figure.server_cpu_us > 0)
    }
    assert.ok(server.intake.ratio > 0)
    assert.ok(server.memory.peak_rss_under_load_mb >= server.memory.rss_after_boot_mb)
    assert.deepEqual(
      report.targets.map((t: { target: string; scope: string }) => [t.target, t.scope]),
      [['intake ≥ 500 tickets/s', 'pglite']],
    )
    assert.ok(report.machine.cores > 0 && report.git.commit)
    const markdown = readFileSync(out, 'utf8')
    assert.match(markdown, /^# Benchmarks/)
    assert.match(markdown, /`POST \/tickets` durable intake/)
    assert.match(markdown, /\| server CPU µs\/req \|/)
    assert.match(markdown, /## How to reproduce/)
    assert.match(markdown, /a figure and its baseline taking turns in 1 round,/)
  })

  it('sums the rounds of an interleaved figure: requests over seconds, percentiles over every answer', () => {
    const fast = { latencies: [1, 1, 1, 2], non2xx: 0, errors: 0, seconds: 1 }
    const slow = { latencies: [10, 20], non2xx: 1, errors: 2, seconds: 3 }
    assert.deepEqual(summariseLoad([fast, slow]), {
      rps: 1.5,
      p50_ms: 1,
      p99_ms: 20,
      requests: 7,
      non2xx: 1,
      errors: 2,
      duration_s: 4,
    })
    assert.equal(summariseLoad([]).rps, 0)
  })

  it('gives the range of a ratio over the rounds in which figure and baseline took turns', () => {
    assert.deepEqual(ratioRange([500, 450, 610], [1000, 1000, 1000]), { min: 0.45, max: 0.61 })
    // One round has no range; rounds that do not pair up (not measured in turn) have none either.
    assert.equal(ratioRange([500], [1000]), null)
    assert.equal(ratioRange([500, 600], [1000, 1000, 1000]), null)
  })

  it('reports the per-round range beside the ready-context target and its figure', () => {
    const load = { rps: 5200, p50_ms: 0.4, p99_ms: 1.8, server_cpu_us: 50 }
    const ready = {
      ...load,
      baseline: { what: 'bare Hono route', rps: 10000, p50_ms: 0.2, p99_ms: 1, server_cpu_us: 20 },
      ratio: 0.52,
      ratio_rounds: { min: 0.48, max: 0.57 },
    }
    const targets = checkTargets([{ database: 'pglite', ready_context: ready }], [])
    assert.deepEqual(targets[0], {
      target: 'ready context ≥ 50% of bare throughput',
      scope: 'pglite',
      value: 0.52,
      unit: '× bare',
      met: true,
      rounds: { min: 0.48, max: 0.57 },
    })
    const markdown = renderMarkdown({
      date: '2026-12-06T00:00:00.000Z',
      command: 'npx tsx scripts/bench.ts',
      git: { commit: 'abcdef0123456789', dirty: false },
      machine: { cpu: 'test', cores: 2 },
      settings: { quick: false, durationS: 10, warmupS: 2, tickets: 500, rounds: 5 },
      servers: [{ database: 'pglite', ready_context: ready }],
      knowledge_base: [],
      lambda: null,
      targets,
      duration_s: 1,
    })
    assert.match(markdown, /\| pglite \| 0\.52 × bare \(rounds 0\.48–0\.57\) \| yes \|/)
    assert.match(markdown, /\| 0\.52 \(rounds 0\.48–0\.57\) \|\n/)
  })
})
