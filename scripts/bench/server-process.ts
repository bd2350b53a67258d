import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'

const SERVER = new URL('./server.ts', import.meta.url).pathname
const BOOT_TIMEOUT_MS = 180_000

export interface BenchServer {
  url: string
  apiKey: string
  pid: number
  /** Calls a route of the bench server (with the API key) and resolves its JSON. */
  call<T>(path: string, init?: RequestInit): Promise<T>
  /** The server's resident memory now, in bytes. */
  rss(): Promise<number>
  /** The server's peak resident memory since it started, in bytes. */
  peakRss(): Promise<number>
  /** CPU time the server has used so far (user + system, all threads), in µs; null off Linux. */
  cpuMicros(): number | null
  stop(): Promise<void>
}

/**
 * Starts scripts/bench/server.ts as a child process with `env` as its whole configuration (the
 * app reads only the environment), and resolves once it listens. Memory is read from
 * /proc/<pid>/status where there is one, so sampling it sends no request to the server.
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  // BENCH_SERVER_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
  const profile = process.env.BENCH_SERVER_PROF
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', SERVER], {
    env: { PATH: process.env.PATH ?? '', ...env },
    // The app logs one JSON line per request, as in production; the bench discards them.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  const ready = await waitForReady(child, () => stderr)
  const url = `http://127.0.0.1:${ready.port}`
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${ready.apiKey}`)
    const response = await fetch(`${url}${path}`, { ...init, headers })
    if (!response.ok)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  const memory = async (field: 'VmRSS' | 'VmHWM', fallback: 'rss_bytes' | 'peak_rss_bytes') =>
    procStatusBytes(child.pid ?? 0, field) ??
    (await call<Record<string, number>>('/__memory'))[fallback] ??
    0
  return {
    url,
    apiKey: ready.apiKey,
    pid: child.pid ?? 0,
    call,
    rss: () => memory('VmRSS', 'rss_bytes'),
    peakRss: () => memory('VmHWM', 'peak_rss_bytes'),
    cpuMicros: () => procCpuMicros(child.pid ?? 0),
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function waitForReady(
  child: ChildProcess,
  stderr: () => string,
): Promise<{ port: number; apiKey: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`bench server did not start in ${BOOT_TIMEOUT_MS} ms: ${stderr()}`))
    }, BOOT_TIMEOUT_MS)
    child.once('message', (message) => {
      clearTimeout(timer)
      resolve(message as { port: number; apiKey: string })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`bench server exited with ${code} before listening: ${stderr()}`))
    })
  })
}

/** A `kB` line of /proc/<pid>/status in bytes, or null off Linux. */
function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1]
    return kb ? Number(kb) * 1024 : null
  } catch {
    return null
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ): 100 on every Linux we run. */
const CLOCK_TICKS_PER_S = 100

/** utime + stime of /proc/<pid>/stat (fields 14 and 15) in µs, or null off Linux. */
function procCpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / CLOCK_TICKS_PER_S : null
  } catch {
    return null
  }
}
