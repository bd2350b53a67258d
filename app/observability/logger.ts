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

function redact(fields: LogFields): LogFields {
  const safe: LogFields = {}
  for (const [key, value] of Object.entries(fields)) {
    if (PERSONAL_FIELD.test(key)) safe[key] = '[redacted]'
    else if (value instanceof Error) safe[key] = { type: value.name, message: value.message }
    else safe[key] = value
  }
  return safe
}

export function createLogger({
  level = 'info',
  write = (line: string) => process.stdout.write(`${line}\n`),
  base = {},
}: {
  level?: LogLevel
  write?: (line: string) => void
  base?: LogFields
} = {}): Logger {
  const threshold = LEVELS[level]
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}) => {
    if (LEVELS[at] < threshold) return
    const record = {
      time: new Date().toISOString(),
      level: at,
      message,
      ...redact({ ...base, ...fields }),
    }
    write(JSON.stringify(record))
  }
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ level, write, base: { ...base, ...fields } }),
  }
}
