/** Runs each section of the bench that was asked for; a section that cannot run says why. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type DatabaseMode, openBenchDatabase } from './databases.ts'
import { runKnowledgeSuite } from './knowledge.ts'
import { runServerSuite, type ServerSuiteSettings } from './server-suite.ts'

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`)

export interface SectionOptions {
  root: string
  tmpDir: string
  databases: DatabaseMode[]
  postgresUrl: string
  doc2dial: string
  settings: Pick<ServerSuiteSettings, 'durationS' | 'warmupS' | 'tickets' | 'rounds'>
  sections: ServerSuiteSettings['sections']
}

/** The HTTP figures, one bench server per database mode. */
export async function serverFigures(options: SectionOptions) {
  const { context, drain, intake } = options.sections
  if (!context && !drain && !intake) return []
  const results = []
  for (const mode of options.databases) {
    const database = await openBenchDatabase(mode, options.postgresUrl)
    if ('skipped' in database) {
      results.push({ database: mode, skipped: database.skipped })
      continue
    }
    progress(`${mode}: server figures`)
    try {
      results.push(
        await runServerSuite(database, {
          ...options.settings,
          sections: options.sections,
          documentsDir: join(options.root, 'data/documents'),
          tmpDir: options.tmpDir,
        }),
      )
    } finally {
      await database.drop()
    }
  }
  return results
}

/** The knowledge-base figures: the sample documents, then doc2dial when its folder is there. */
export async function knowledgeFigures(options: Pick<SectionOptions, 'root' | 'doc2dial'>) {
  progress('knowledge base: sample documents')
  const sample = await runKnowledgeSuite({
    name: 'sample documents',
    dir: join(options.root, 'data/documents'),
  })
  const docs = join(options.doc2dial, 'docs')
  const queriesFile = join(options.doc2dial, 'queries.public.jsonl')
  if (!existsSync(docs) || !existsSync(queriesFile))
    return [
      sample,
      { corpus: 'doc2dial', skipped: `no corpus at ${options.doc2dial} (--doc2dial)` },
    ]
  progress('knowledge base: doc2dial')
  return [sample, await runKnowledgeSuite({ name: 'doc2dial', dir: docs, queriesFile })]
}

export { progress }
