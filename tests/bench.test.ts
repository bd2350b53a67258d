import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { summariseLoad } from '../scripts/bench/load.ts'

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
})
