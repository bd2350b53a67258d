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

/** Field names repeat on every line: what depends on the name alone is worked out once. */
function perFieldName<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>()
  return (key) => {
    let value = known.get(key)
    if (value === undefined) {
      value = compute(key)
      if (known.size < 10_000) known.set(key, value)
    }
    return value
  }
}

const isPersonal = (key: string) => fieldName(key).personal

const redactedValue = (key: string, value: unknown) =>
  isPersonal(key)
    ? '[redacted]'
    : value instanceof Error
      ? { type: value.name, message: value.message }
      : value

function redact(fields: LogFields): LogFields {
  const safe: LogFields = {}
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue
    safe[key] = redactedValue(key, fields[key])
  }
  return safe
}

/**
 * What a line needs to know of a field name, worked out once per name: it as a JSON string,
 * whether it names personal data, and whether the fast path can write it (not `time`, `level`
 * or `message`, which it would replace, and not like an array index, which JSON puts first).
 */
const fieldName = perFieldName((key) => {
  const first = key.charCodeAt(0)
  return {
    quoted: JSON.stringify(key),
    personal: PERSONAL_FIELD.test(key),
    inOrder: !RESERVED.has(key) && !(first >= 48 && first <= 57),
  }
})
const RESERVED = new Set(['time', 'level', 'message'])
const REDACTED = JSON.stringify('[redacted]')

/**
 * `fields`, redacted, as the JSON members a line goes on with (`,"key":value…`): what
 * `JSON.stringify` of the whole line would write, for a few times less work. Null when the line
 * must be built as an object after all: a field that replaces an earlier one (`time`, `level`,
 * `message` or one of `earlier`'s), or a name like an array index, which JSON puts first.
 */
function jsonMembers(fields: LogFields, earlier: JsonLogger | null): string | null {
  let json = ''
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue
    const name = fieldName(key)
    if (!name.inOrder || earlier?.hasField(key)) return null
    const value = fields[key]
    const member = name.personal
      ? REDACTED
      : typeof value === 'number'
        ? Number.isFinite(value)
          ? `${value}`
          : 'null'
        : JSON.stringify(value instanceof Error ? redactedValue(key, value) : value)
    if (member !== undefined) json += `,${name.quoted}:${member}`
  }
  return json
}

/**
 * Standard output, written in batches: each write to a pipe or file is a synchronous system
 * call, and a server logging a line per request spent a sixth of a small request on one write
 * per line, then a few microseconds a request on one write per event-loop turn
 * (docs/benchmarks.md). Lines wait at most `flushAfterMs` (or until `maxPending` are waiting),
 * and are written synchronously when the process exits (a SIGKILL loses at most those).
 */
export function createStdoutWriter(
  out: Pick<NodeJS.WriteStream, 'write'> & { fd?: number } = process.stdout,
  { flushAfterMs = 10, maxPending = 256 } = {},
) {
  let pending: string[] = []
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (pending.length === 0) return
    const text = `${pending.join('\n')}\n`
    pending = []
    out.write(text)
  }
  process.once('exit', () => {
    if (pending.length) writeSync(out.fd ?? 1, `${pending.join('\n')}\n`)
    pending = []
  })
  return (line: string) => {
    const waiting = pending.push(line)
    if (waiting >= maxPending) flush()
    // Unref'd: a script that is done exits, and its last lines are written on the way out.
    else if (waiting === 1) timer = setTimeout(flush, flushAfterMs).unref()
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
  return new JsonLogger(LEVELS[level], write, null, { ...base }, jsonMembers(base, null))
}

/**
 * `new Date().toISOString()`, with the part down to the second made once per second: formatting
 * a date took over a microsecond here, a tenth of the log line a request writes.
 */
let isoSecond = Number.NaN
let isoPrefix = ''
export function isoNow(now = Date.now()): string {
  const second = Math.floor(now / 1000)
  if (second !== isoSecond) {
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20)
    isoSecond = second
  }
  const ms = now - second * 1000
  return `${isoPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`
}

/**
 * A class, not closures: a request that logs makes a child (`lazyChild`), and making closures
 * (each wrapped by the dev loader's name helper) was a tenth of a small request's time. A child
 * costs one object: its fields as JSON members are worked out when it is made, its redacted
 * fields as an object only if a line needs the slow path (most requests log one line, if any).
 */
class JsonLogger implements Logger {
  #safeBase: LogFields | undefined

  constructor(
    private readonly threshold: number,
    private readonly write: (line: string) => void,
    private readonly parent: JsonLogger | null,
    /** This logger's own fields, as given: redacted whenever they are written. */
    private readonly fields: LogFields,
    /** Every base field (the parent's, then these) as JSON members (see jsonMembers), or null. */
    private readonly baseJson: string | null,
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
    const members = this.baseJson === null ? null : jsonMembers(fields, this)
    return new JsonLogger(
      this.threshold,
      this.write,
      this,
      // A copy: the fast path wrote these fields down already; a caller changing its object
      // afterwards must not change what the slow path writes.
      { ...fields },
      members === null ? null : `${this.baseJson}${members}`,
    )
  }

  /** Whether a base field (this logger's or an ancestor's) has this name. */
  hasField(key: string): boolean {
    return Object.hasOwn(this.fields, key) || (this.parent?.hasField(key) ?? false)
  }

  /** Every base field, redacted, as one object (a later logger's field replaces an earlier's). */
  private get safeBase(): LogFields {
    this.#safeBase ??= { ...this.parent?.safeBase, ...redact(this.fields) }
    return this.#safeBase
  }

  private emit(at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) {
    if (LEVELS[at] < this.threshold) return
    const members = this.baseJson === null ? null : fields ? jsonMembers(fields, this) : ''
    if (members !== null) {
      const head = `{"time":"${isoNow()}","level":"${at}","message":${JSON.stringify(message)}`
      this.write(`${head}${this.baseJson}${members}}`)
      return
    }
    const record = {
      time: isoNow(),
      level: at,
      message,
      ...this.safeBase,
      ...(fields ? redact(fields) : undefined),
    }
    this.write(JSON.stringify(record))
  }
}

/**
 * A child of `parent` made only when first used. The request middleware gives every request a
 * logger carrying its correlation id, and most requests never log through it: their one line is
 * written by the middleware itself. `fields` must not change afterwards.
 */
export function lazyChild(parent: Logger, fields: LogFields): Logger {
  return new LazyChildLogger(parent, fields)
}

class LazyChildLogger implements Logger {
  #child: Logger | undefined

  constructor(
    private readonly parent: Logger,
    private readonly fields: LogFields,
  ) {}

  private get made(): Logger {
    this.#child ??= this.parent.child(this.fields)
    return this.#child
  }

  debug(message: string, fields?: LogFields) {
    this.made.debug(message, fields)
  }
  info(message: string, fields?: LogFields) {
    this.made.info(message, fields)
  }
  warn(message: string, fields?: LogFields) {
    this.made.warn(message, fields)
  }
  error(message: string, fields?: LogFields) {
    this.made.error(message, fields)
  }
  child(fields: LogFields): Logger {
    return this.made.child(fields)
  }
}
