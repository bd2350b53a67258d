/**
 * Dead letters of the ticket queue: npm run dlq -- list | replay <id> | replay --all
 * Replay sends a message back with a fresh receive count; its ticket is processed again.
 */
import { parseArgs } from 'node:util'
import { createDeps } from '../app/deps.ts'
import { loadConfigOrExit } from '../app/entry/boot.ts'
import { createLogger } from '../app/observability/logger.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { all: { type: 'boolean', default: false } },
})
const deps = await createDeps(loadConfigOrExit(), { logger: createLogger({ level: 'warn' }) })
const [command = 'list', id] = positionals
try {
  if (command === 'list') {
    const letters = await deps.queue.listDeadLetters(1_000)
    for (const l of letters) {
      console.log(
        `${l.id}\t${l.body.ticketId}\treceives ${l.receiveCount}\t${l.deadAt.toISOString()}\t${l.lastError ?? ''}`,
      )
    }
    console.log(`${letters.length} dead letter(s)`)
  } else if (command === 'replay') {
    if (!values.all && !id) throw new Error('replay needs a dead-letter id or --all')
    const count = await deps.queue.replay(values.all ? 'all' : { id: id ?? '' })
    console.log(`Replayed ${count} message(s); the worker will process them.`)
  } else throw new Error(`unknown command ${command}: use list or replay`)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
} finally {
  await deps.close()
}
