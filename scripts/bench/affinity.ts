/**
 * Keeps the load generator and the bench server on cores of their own while the server is
 * measured, as a client machine and a server machine would be. Left to the scheduler, the two
 * processes (and their helper threads) move between the same two cores: in one interleaved run
 * the server spent about a tenth more CPU per ready request unpinned than pinned
 * (docs/benchmarks.md). Linux only, through `taskset` (util-linux).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** CPU lists in taskset's form (`0`, `1-3`): the bench process's and each bench server's. */
export interface CorePlan {
  loadGenerator: string
  server: string
}

/**
 * The load generator on the first core and the server on the rest, or why not: a single core
 * cannot be split, and off Linux or without `taskset` nothing can be pinned.
 */
export function planCores(
  cores: number,
  { platform = process.platform, hasTaskset = tasksetAvailable } = {},
): CorePlan | { skipped: string } {
  if (platform !== 'linux') return { skipped: `not pinned: no taskset on ${platform}` }
  if (cores < 2) return { skipped: 'not pinned: one core cannot be split' }
  if (!hasTaskset()) return { skipped: 'not pinned: taskset (util-linux) is not installed' }
  return { loadGenerator: '0', server: cores === 2 ? '1' : `1-${cores - 1}` }
}

/** Restricts every thread of `pid` to `cpus`; its future threads inherit it. */
export function pinProcess(pid: number, cpus: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], {
    stdio: 'ignore',
  })
}

/** The CPUs `pid` may run on (`Cpus_allowed_list` of /proc/<pid>/status), or null off Linux. */
export function allowedCpus(pid: number): string | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return status.match(/^Cpus_allowed_list:\s+(\S+)$/m)?.[1] ?? null
  } catch {
    return null
  }
}

function tasksetAvailable(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** How the report words a plan. */
export const describeCorePlan = (plan: CorePlan | { skipped: string }): string =>
  'skipped' in plan
    ? plan.skipped
    : `load generator on CPU ${plan.loadGenerator}, bench server on CPU ${plan.server} (taskset)`
