import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createFolderDocumentStore } from '../../../app/adapters/document-store/fs.ts'
import { createExtractiveDraftWriter } from '../../../app/adapters/draft-writer/extractive.ts'
import { createLocalKnowledgeBase } from '../../../app/adapters/knowledge-base/local.ts'
import { migrate } from '../../../app/adapters/sql/migrate.ts'
import { createPgliteDatabase } from '../../../app/adapters/sql/pglite.ts'
import { createSqlSyncAuditTrail } from '../../../app/adapters/sync-audit/sql.ts'
import { createSqlChunkStore } from '../../../app/core/knowledge/chunk-store.ts'
import { createLogger } from '../../../app/observability/logger.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import { SAMPLE_DOCUMENTS } from '../../helpers/documents.ts'

describe('extractive draft writer over the sample documents', () => {
  let db: SqlDatabase
  let kb: ReturnType<typeof createLocalKnowledgeBase>
  before(async () => {
    db = await createPgliteDatabase()
    await migrate(db)
    kb = createLocalKnowledgeBase({
      documents: createFolderDocumentStore({ root: SAMPLE_DOCUMENTS }),
      chunks: createSqlChunkStore({ db }),
      audit: createSqlSyncAuditTrail({ db }),
      logger: createLogger({ level: 'silent' }),
    })
    await kb.startSync('manual')
    await kb.runner.idle()
  })
  after(() => db.close())

  it('drafts a greeting, sentences lifted from the top passages with their sources, and a closing', async () => {
    const writer = createExtractiveDraftWriter({ knowledgeBase: kb })
    const draft = await writer.draft({
      subject: 'Forgot my password',
      description: 'I forgot my password and cannot sign in to my account. How do I reset it?',
    })
    assert.equal(draft.generator, 'extractive')
    const lines = draft.text.split('\n').filter(Boolean)
    assert.match(lines[0] ?? '', /^Hello,/)
    assert.match(draft.text, /reply to this message[^\n]*\n\nBest regards$/)
    assert.ok(draft.citations.length >= 1 && draft.citations.length <= 3)
    const passages = await kb.retrieve(
      'Forgot my password\nI forgot my password and cannot sign in to my account. How do I reset it?',
    )
    assert.deepEqual(
      draft.citations.map((c) => c.chunkId),
      passages.map((p) => p.chunkId).filter((id) => draft.citations.some((c) => c.chunkId === id)),
      'cites real passages, best first',
    )
    assert.ok(
      draft.citations.some((c) => c.documentKey.endsWith('forgot-your-password._en.md')),
      'the password-reset help page is among the sources',
    )
    const quoted = lines.filter((line) => line.includes('(source: '))
    assert.equal(quoted.length, draft.citations.length)
    for (const [i, line] of quoted.entries()) {
      const sentence = line.replace(/ \(source: .*\)$/, '')
      assert.ok(draft.citations[i]?.text.includes(sentence), `"${sentence}" comes from its passage`)
    }
    assert.match(draft.text, /password/i)
  })

  it('answers without citations when nothing relevant is found', async () => {
    const writer = createExtractiveDraftWriter({ knowledgeBase: kb })
    const draft = await writer.draft({ subject: 'Zyxwvut', description: 'qwertyuiop asdfghjkl' })
    assert.deepEqual(draft.citations, [])
    assert.match(draft.text, /looking into your request/)
  })

  it('passes the filters to the knowledge base', async () => {
    const writer = createExtractiveDraftWriter({ knowledgeBase: kb })
    const draft = await writer.draft({
      subject: 'Forgot my password',
      description: 'How do I reset it?',
      filters: { prefix: 'csv/' },
    })
    assert.ok(draft.citations.every((c) => c.documentKey.startsWith('csv/')))
  })
})
