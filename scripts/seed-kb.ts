/**
 * Syncs the knowledge base from DOCUMENTS_URL (default: the sample documents in data/documents)
 * into DATABASE_URL, printing progress and the audit record. With --from DIR, first copies that
 * folder's documents into the documents folder.
 * Usage: npm run seed:kb [-- --from ../shared/bench/retrieval/doc2dial/docs]
 */
import { cpSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDeps } from '../app/deps.ts'
import { loadConfigOrExit } from '../app/entry/boot.ts'
import { presentSync } from '../app/http/presenters/knowledge.ts'
import { createLogger } from '../app/observability/logger.ts'

const { values } = parseArgs({ options: { from: { type: 'string' } } })
const config = loadConfigOrExit()
if (values.from) {
  const source = resolve(values.from)
  if (!existsSync(source)) {
    process.stderr.write(`--from: no such folder ${source}\n`)
    process.exit(1)
  }
  const target = resolve(config.DOCUMENTS_URL.slice('file://'.length))
  cpSync(source, target, { recursive: true })
  console.log(`copied ${source} into ${target}`)
}

const deps = await createDeps(config, {
  logger: createLogger({ level: 'warn' }),
  onSyncProgress: (c) =>
    process.stderr.write(
      `\rscanned ${c.scanned}: +${c.added} ~${c.updated} =${c.unchanged} !${c.failed}, ${c.chunks} chunks   `,
    ),
})
const { jobId } = await deps.knowledgeBase.startSync('manual')
await deps.syncRunner.idle()
process.stderr.write('\n')
const record = await deps.knowledgeBase.getSync(jobId)
await deps.close()
console.log(JSON.stringify(record && presentSync(record), null, 2))
process.exit(record?.status === 'SUCCEEDED' ? 0 : 1)
