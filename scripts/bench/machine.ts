import { execFileSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'

/** What the figures were measured on: they mean little without it. */
export function describeMachine() {
  const cores = cpus()
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    ram_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** 1-minute load average when the run started: above the core count, the figures are noisy. */
    load_average_at_start: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  }
}

/** The commit measured, and whether the work tree had uncommitted changes. */
export function describeCommit(cwd: string): { commit: string; dirty: boolean } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  try {
    return { commit: git('rev-parse', 'HEAD').trim(), dirty: git('status', '--porcelain') !== '' }
  } catch {
    return { commit: 'unknown', dirty: false }
  }
}
