import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import {
  createLogger,
  createStdoutWriter,
  isoNow,
  type Logger,
  lazyChild,
} from '../../app/observability/logger.ts'

const LOGGER = new URL('../../app/observability/logger.ts', import.meta.url).href

function capture(level: 'debug' | 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ level, write: (line) => lines.push(JSON.parse(line)) })
  return { logger, lines }
}

describe('the JSON logger', () => {
  it('redacts fields named like personal data, in a child’s fields and in each line’s', () => {
    const { logger, lines } = capture()
    const child = logger.child({ correlation_id: 'c-1', customer_email: 'a@example.com' })
    child.info('hello', { name: 'Ada', Authorization: 'Bearer x', status: 200 })
    child.info('again', { status: 201 })
    assert.deepEqual(
      lines.map(({ time: _, ...rest }) => rest),
      [
        {
          level: 'info',
          message: 'hello',
          correlation_id: 'c-1',
          customer_email: '[redacted]',
          name: '[redacted]',
          Authorization: '[redacted]',
          status: 200,
        },
        {
          level: 'info',
          message: 'again',
          correlation_id: 'c-1',
          customer_email: '[redacted]',
          status: 201,
        },
      ],
    )
  })

  it('lets a later field replace an earlier one, through children and grandchildren', () => {
    const { logger, lines } = capture()
    const child = logger.child({ service: 'api', email: 'a@example.com' })
    const grandchild = child.child({ service: 'worker', correlation_id: 'c-2' })
    grandchild.info('one', { correlation_id: 'c-3', phone: '555' })
    child.info('two', { message: 'not the message', step: 1 })
    assert.deepEqual(
      lines.map(({ time: _, ...rest }) => rest),
      [
        {
          level: 'info',
          message: 'one',
          service: 'worker',
          email: '[redacted]',
          correlation_id: 'c-3',
          phone: '[redacted]',
        },
        { level: 'info', message: 'not the message', service: 'api', email: '[redacted]', step: 1 },
      ],
    )
    assert.deepEqual(Object.keys(lines[0] ?? {}).slice(0, 3), ['time', 'level', 'message'])
  })

  it('writes a child’s fields as they were when it was made, on either path', () => {
    const { logger, lines } = capture()
    const fields: Record<string, unknown> = { ticket: 't-1' }
    const child = logger.child(fields)
    fields.ticket = 't-2'
    child.info('fast')
    child.info('slow', { ticket: 'replaced' }) // a field named again takes the object path
    child.child({ step: 1 }).info('grandchild', { level: 'x' })
    assert.deepEqual(
      lines.map((l) => [l.message, l.ticket]),
      [
        ['fast', 't-1'],
        ['slow', 'replaced'],
        ['grandchild', 't-1'],
      ],
    )
  })

  it('makes a lazy child only when it is first used, writing what the child would', () => {
    const raw: string[] = []
    const logger = createLogger({ write: (line) => raw.push(line), base: { service: 'api' } })
    let made = 0
    const counting: Logger = {
      ...logger,
      debug: logger.debug.bind(logger),
      info: logger.info.bind(logger),
      warn: logger.warn.bind(logger),
      error: logger.error.bind(logger),
      child: (fields) => {
        made++
        return logger.child(fields)
      },
    }
    const lazy = lazyChild(counting, { correlation_id: 'c-9', user_email: 'a@example.com' })
    assert.equal(made, 0)
    lazy.info('first', { status: 200 })
    lazy.child({ step: 'two' }).warn('second')
    assert.equal(made, 1, 'one child, made on first use and kept')
    const eager = logger.child({ correlation_id: 'c-9', user_email: 'a@example.com' })
    eager.info('first', { status: 200 })
    eager.child({ step: 'two' }).warn('second')
    const untimed = raw.map((line) => line.replace(/"time":"[^"]+"/, ''))
    assert.deepEqual(untimed.slice(0, 2), untimed.slice(2))
    assert.match(untimed[0] ?? '', /"user_email":"\[redacted\]"/)
  })

  it('stamps lines with the same text as Date.toISOString, across seconds and milliseconds', () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990)
    for (let t = start; t < start + 2_100; t += 7) {
      assert.equal(isoNow(t), new Date(t).toISOString())
    }
    assert.equal(isoNow(start - 1_000 * 86_400), new Date(start - 1_000 * 86_400).toISOString())
  })

  it('writes an error as its type and message, and drops lines below the level', () => {
    const { logger, lines } = capture('warn')
    logger.info('not written')
    logger.error('failed', { error: new TypeError('boom') })
    assert.equal(lines.length, 1)
    assert.deepEqual(lines[0]?.error, { type: 'TypeError', message: 'boom' })
  })

  it('batches standard output and loses nothing when the process exits', () => {
    // Lines logged just before process.exit() are flushed synchronously by the exit hook.
    const script = `const { createLogger } = await import(${JSON.stringify(LOGGER)})
const logger = createLogger()
for (let i = 0; i < 500; i++) logger.info('line', { i })
setImmediate(() => { for (let i = 500; i < 1000; i++) logger.info('line', { i }); process.exit(0) })`
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    )
    assert.equal(run.status, 0, run.stderr)
    const numbers = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { i: number }).i)
    assert.deepEqual(
      numbers,
      Array.from({ length: 1000 }, (_, i) => i),
    )
  })
})

describe('the standard-output writer', () => {
  /** A stream that records each write it is given. */
  const recorder = () => {
    const writes: string[] = []
    return { writes, out: { write: (text: string) => writes.push(text) > 0 } }
  }

  it('writes the lines of a burst together, once the delay has passed', async () => {
    const { writes, out } = recorder()
    const write = createStdoutWriter(out, { flushAfterMs: 20 })
    write('a')
    write('b')
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(writes, [], 'still waiting after the turn')
    await new Promise((resolve) => setTimeout(resolve, 40))
    assert.deepEqual(writes, ['a\nb\n'])
    write('c')
    await new Promise((resolve) => setTimeout(resolve, 40))
    assert.deepEqual(writes, ['a\nb\n', 'c\n'], 'a later line starts its own wait')
  })

  it('writes at once when enough lines are waiting', () => {
    const { writes, out } = recorder()
    const write = createStdoutWriter(out, { flushAfterMs: 60_000, maxPending: 3 })
    for (const line of ['1', '2', '3', '4']) write(line)
    assert.deepEqual(writes, ['1\n2\n3\n'])
  })

  it('does not keep a finished script alive, and writes its last lines as it exits', () => {
    const script = `import { createStdoutWriter } from '${LOGGER}'
createStdoutWriter(process.stdout, { flushAfterMs: 60_000 })('last words')`
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    )
    assert.equal(run.status, 0, `exited by itself, not after the delay: ${run.stderr}`)
    assert.equal(run.stdout, 'last words\n')
  })
})
