import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const SERVER = fileURLToPath(new URL('../../app/entry/server.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface DrillServer {
  origin: string
  child: ChildProcess
  /** Everything the process wrote to stdout and stderr so far (the PII scan reads it). */
  logs(): string
  /** SIGKILL: no shutdown, no flush; resolves when the process is gone. */
  kill(): Promise<void>
  /** SIGTERM, as an orchestrator stops it; resolves the exit code. */
  stop(): Promise<number | null>
}

/** Every drill server's output, kept for the personal-data scan at the end of the run. */
export const allServerLogs: { name: string; text: () => string }[] = []

/**
 * The real server as `npm start` runs it (node --import tsx, so SIGTERM and SIGKILL reach the
 * server itself, not a CLI wrapper), on a free port, with `env` over the current environment.
 */
export async function startServer(name: string, env: Record<string, string>): Promise<DrillServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KB_WATCH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const chunks: string[] = []
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk))
  const logs = () => chunks.join('')
  allServerLogs.push({ name, text: logs })
  const exited = once(child, 'exit')
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not listening after 120 s`)), 120_000)
    const look = () => {
      const match = logs().match(/"message":"listening","port":(\d+)/)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout?.on('data', look)
    exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${name} exited before listening:\n${logs().slice(-2_000)}`))
    })
  })
  const alive = () => child.exitCode === null && child.signalCode === null
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    logs,
    async kill() {
      if (alive()) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (alive()) child.kill('SIGTERM')
      const [code] = await exited
      return code as number | null
    },
  }
}
