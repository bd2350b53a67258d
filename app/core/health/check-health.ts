import type { SqlDatabase } from '../../ports/sql.ts'

export interface DependencyHealth {
  status: 'up' | 'down'
  latency_ms: number
  kind?: string
  error?: string
}

export interface HealthReport {
  status: 'ok' | 'unavailable'
  checks: Record<string, DependencyHealth>
}

/** A probe resolves when the dependency answers; it is raced against `timeoutMs`. */
export type Probe = () => Promise<unknown>

export async function checkHealth(
  probes: Record<string, { probe: Probe; kind?: string }>,
  { timeoutMs = 2_000 }: { timeoutMs?: number } = {},
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(
      async ([name, { probe, kind }]) => [name, await timed(probe, timeoutMs, kind)] as const,
    ),
  )
  const status = entries.every(([, check]) => check.status === 'up') ? 'ok' : 'unavailable'
  return { status, checks: Object.fromEntries(entries) }
}

async function timed(probe: Probe, timeoutMs: number, kind?: string): Promise<DependencyHealth> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([probe(), timeout])
    return { status: 'up', latency_ms: elapsed(started), kind }
  } catch (error) {
    // The driver's message names the failure (refused, timeout); connection URLs are not in it.
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error'
    return { status: 'down', latency_ms: elapsed(started), kind, error: reason }
  } finally {
    clearTimeout(timer)
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100

export const databaseProbe =
  (db: SqlDatabase): Probe =>
  () =>
    db.query('SELECT 1')
