import { writeSync } from 'node:fs'

/** Structured JSON logs, one object per line. Fields named like personal data are never written. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  child(fields: LogFields): Logger
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }
const PERSONAL_FIELD = /e-?mail|name|phone|address|password|secret|token|api_?key|authorization/i

/** Field names repeat on every line: each is judged once. */
const personal = new Map<string, boolean>()
const isPersonal = (key: string) => {
  let verdict = personal.get(key)
  if (verdict === undefined) {
    verdict = PERSONAL_FIELD.test(key)
    if (personal.size < 10_000) personal.set(key, verdict)
  }
  return verdict
}

function redact(fields: LogFields): LogFields {
  const safe: LogFields = {}
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue
    const value = fields[key]
    if (isPersonal(key)) safe[key] = '[redacted]'
    else if (value instanceof Error) safe[key] = { type: value.name, message: value.message }
    else safe[key] = value
  }
  return safe
}

/**
 * Standard output, one write per event-loop turn. On Linux a pipe makes each stdout write a
 * synchronous system call; a server logging a line per request spent a sixth of a small
 * request on them (docs/benchmarks.md). Lines wait at most until the current turn ends, and are
 * flushed synchronously when the process exits (a SIGKILL loses at most that turn's lines).
 */
export function createStdoutWriter(out: NodeJS.WriteStream = process.stdout) {
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const text = `${pending.join('\n')}\n`
    pending = []
    out.write(text)
  }
  process.once('exit', () => {
    if (pending.length) writeSync((out as { fd?: number }).fd ?? 1, `${pending.join('\n')}\n`)
    pending = []
  })
  return (line: string) => {
    if (pending.push(line) === 1) setImmediate(flush)
  }
}

let stdoutWriter: ((line: string) => void) | null = null
const writeStdout = (line: string) => {
  stdoutWriter ??= createStdoutWriter()
  stdoutWriter(line)
}

export function createLogger({
  level = 'info',
  write = writeStdout,
  base = {},
}: {
  level?: LogLevel
  write?: (line: string) => void
  base?: LogFields
} = {}): Logger {
  return new JsonLogger(LEVELS[level], write, base, redact(base))
}

/**
 * A class, not closures: the request middleware makes a child per request, and making closures
 * (each wrapped by the dev loader's name helper) was a tenth of a small request's time.
 */
class JsonLogger implements Logger {
  constructor(
    private readonly threshold: number,
    private readonly write: (line: string) => void,
    private readonly base: LogFields,
    /** A child's fields are redacted once, when it is made, not on every line it writes. */
    private readonly safeBase: LogFields,
  ) {}

  debug(message: string, fields?: LogFields) {
    this.emit('debug', message, fields)
  }
  info(message: string, fields?: LogFields) {
    this.emit('info', message, fields)
  }
  warn(message: string, fields?: LogFields) {
    this.emit('warn', message, fields)
  }
  error(message: string, fields?: LogFields) {
    this.emit('error', message, fields)
  }
  child(fields: LogFields): Logger {
    const base = { ...this.base, ...fields }
    return new JsonLogger(this.threshold, this.write, base, { ...this.safeBase, ...redact(fields) })
  }

  private emit(at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) {
    if (LEVELS[at] < this.threshold) return
    const record = {
      time: new Date().toISOString(),
      level: at,
      message,
      ...this.safeBase,
      ...(fields ? redact(fields) : undefined),
    }
    this.write(JSON.stringify(record))
  }
}
