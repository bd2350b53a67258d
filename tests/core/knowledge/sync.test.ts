import assert from 'node:assert/strict'
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { createFolderDocumentStore } from '../../../app/adapters/document-store/fs.ts'
import { createLocalKnowledgeBase } from '../../../app/adapters/knowledge-base/local.ts'
import { createSqlSyncAuditTrail } from '../../../app/adapters/sync-audit/sql.ts'
import { createSqlChunkStore } from '../../../app/core/knowledge/chunk-store.ts'
import { createLogger } from '../../../app/observability/logger.ts'
import type { SqlDatabase } from '../../../app/ports/sql.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { documentsFolder, FIXTURES } from '../../helpers/documents.ts'

function knowledgeBase(db: SqlDatabase, root: string) {
  return createLocalKnowledgeBase({
    documents: createFolderDocumentStore({ root }),
    chunks: createSqlChunkStore({ db }),
    audit: createSqlSyncAuditTrail({ db }),
    logger: createLogger({ level: 'silent' }),
  })
}

async function syncNow(kb: ReturnType<typeof knowledgeBase>) {
  const { jobId } = await kb.startSync('manual')
  await kb.runner.idle()
  const record = await kb.getSync(jobId)
  assert.ok(record)
  return record
}

describeEachDatabase('knowledge base sync', (open) => {
  const folders: (() => void)[] = []
  after(() => {
    for (const cleanup of folders) cleanup()
  })
  const folder = (files?: Record<string, string>) => {
    const created = documentsFolder(files)
    folders.push(created.cleanup)
    return created.root
  }

  it('ingests one real file of each of the six formats and retrieves from each', async () => {
    const kb = knowledgeBase(await open(), folder())
    const record = await syncNow(kb)
    assert.equal(record.status, 'SUCCEEDED')
    assert.deepEqual(
      { ...record.counts, chunks: 0 },
      {
        scanned: 6,
        added: 6,
        updated: 0,
        deleted: 0,
        unchanged: 0,
        skipped: 0,
        failed: 0,
        chunks: 0,
      },
    )
    assert.ok(record.counts.chunks >= 6)
    const expectations: [string, string][] = [
      ['forgot my password reset link', 'markdown/forgot-your-password.md'],
      [
        'what does the error message premature end of script headers mean',
        'html/apache-errors.html',
      ],
      ['how long do I have to return an item for a refund', 'txt/returns-policy.txt'],
      ['can I get COVID-19 from my pets or animals', 'csv/cdc-covid19-faq.csv'],
      ['SmartyDo undo command', 'docx/smartydo-user-guide.docx'],
      ['DeepAnnotation labelling tool admin create project', 'pdf/handbook.pdf'],
    ]
    for (const [query, key] of expectations) {
      const [top] = await kb.retrieve(query, { minScore: 0 })
      assert.equal(top?.documentKey, key, query)
    }
  })

  it('re-parses nothing when nothing changed, even after a restart', async () => {
    const db = await open()
    const root = folder()
    await syncNow(knowledgeBase(db, root))
    const restarted = knowledgeBase(db, root)
    const [hit] = await restarted.retrieve('forgot my password', { minScore: 0 })
    assert.equal(hit?.documentKey, 'markdown/forgot-your-password.md')
    const second = await syncNow(restarted)
    assert.equal(second.status, 'SUCCEEDED')
    assert.deepEqual(second.counts, {
      scanned: 6,
      added: 0,
      updated: 0,
      deleted: 0,
      unchanged: 6,
      skipped: 0,
      failed: 0,
      chunks: 0,
    })
  })

  it('reflects an added, a changed and a deleted document, and counts each', async () => {
    const db = await open()
    const root = folder()
    const kb = knowledgeBase(db, root)
    await syncNow(kb)
    writeFileSync(
      join(root, 'txt/gift-cards.txt'),
      'Gift cards never expire. Lost gift cards can be replaced with the receipt.',
    )
    writeFileSync(
      join(root, 'txt/returns-policy.txt'),
      'Returns are accepted within 60 days. Zebra-striped parcels ship free.',
    )
    rmSync(join(root, 'markdown/forgot-your-password.md'))
    const record = await syncNow(kb)
    assert.deepEqual(
      [record.counts.added, record.counts.updated, record.counts.deleted, record.counts.unchanged],
      [1, 1, 1, 4],
    )
    assert.equal(
      (await kb.retrieve('do gift cards expire', { minScore: 0 }))[0]?.documentKey,
      'txt/gift-cards.txt',
    )
    assert.match(
      (await kb.retrieve('zebra striped parcels', { minScore: 0 }))[0]?.text ?? '',
      /60 days/,
    )
    const password = await kb.retrieve('forgot my password reset link', {
      minScore: 0,
      maxResults: 10,
    })
    assert.ok(password.every((hit) => hit.documentKey !== 'markdown/forgot-your-password.md'))
  })

  it('reports a corrupt PDF by name with a PARTIAL status and indexes the rest', async () => {
    const root = folder()
    copyFileSync(join(FIXTURES, 'corrupt.pdf'), join(root, 'pdf/corrupt.pdf'))
    writeFileSync(join(root, 'pdf/notes.png'), 'not a document')
    const kb = knowledgeBase(await open(), root)
    const record = await syncNow(kb)
    assert.equal(record.status, 'PARTIAL')
    assert.equal(record.counts.failed, 1)
    assert.equal(record.counts.added, 6)
    assert.equal(record.counts.skipped, 1)
    assert.equal(record.failures[0]?.documentKey, 'pdf/corrupt.pdf')
    assert.ok((record.failures[0]?.reason.length ?? 0) > 0)
    const listed = await kb.listSyncs(5)
    assert.equal(listed[0]?.status, 'PARTIAL')
  })

  it('filters by document prefix and by sidecar metadata', async () => {
    const root = folder()
    writeFileSync(
      join(root, 'txt/returns-policy.txt.metadata.json'),
      JSON.stringify({ metadataAttributes: { category: 'orders' } }),
    )
    const kb = knowledgeBase(await open(), root)
    await syncNow(kb)
    const query = 'refund return policy password'
    const inTxt = await kb.retrieve(query, {
      minScore: 0,
      maxResults: 10,
      filters: { prefix: 'txt/' },
    })
    assert.ok(inTxt.length > 0 && inTxt.every((hit) => hit.documentKey.startsWith('txt/')))
    const orders = await kb.retrieve(query, {
      minScore: 0,
      maxResults: 10,
      filters: { metadata: { category: 'orders' } },
    })
    assert.ok(orders.length > 0)
    assert.deepEqual([...new Set(orders.map((hit) => hit.documentKey))], ['txt/returns-policy.txt'])
    assert.deepEqual(orders[0]?.metadata, { category: 'orders' })
    const none = await kb.retrieve(query, {
      minScore: 0,
      filters: { metadata: { category: 'absent' } },
    })
    assert.deepEqual(none, [])
  })

  it('scores a relevant passage above 0.7 and an unrelated question below min_score', async () => {
    const kb = knowledgeBase(await open(), folder())
    await syncNow(kb)
    const [relevant] = await kb.retrieve('I forgot my password, how do I reset it?')
    assert.ok((relevant?.score ?? 0) > 0.7, `relevant scored ${relevant?.score}`)
    assert.deepEqual(await kb.retrieve("what's the weather on Mars"), [])
    const [mars] = await kb.retrieve("what's the weather on Mars", { minScore: 0 })
    assert.ok((mars?.score ?? 0) < 0.5)
  })

  it('runs one sync at a time and coalesces requests made during a run into one follow-up', async () => {
    const kb = knowledgeBase(await open(), folder())
    const first = await kb.startSync('manual')
    const [second, third, fourth] = await Promise.all([
      kb.startSync('file_change'),
      kb.startSync('file_change'),
      kb.startSync('manual'),
    ])
    assert.equal(second?.coalesced, false)
    assert.deepEqual([third?.jobId, fourth?.jobId], [second?.jobId, second?.jobId])
    assert.equal(third?.coalesced, true)
    await kb.runner.idle()
    const records = await kb.listSyncs(10)
    assert.equal(records.length, 2)
    const [followUp, initial] = records
    assert.equal(initial?.jobId, first.jobId)
    assert.equal(followUp?.jobId, second?.jobId)
    assert.ok((initial?.finishedAt?.getTime() ?? 0) <= (followUp?.startedAt?.getTime() ?? 0))
    assert.equal(followUp?.counts.unchanged, 6)
  })

  it('closes a sync that a stopped process left IN_PROGRESS as FAILED, saying why', async () => {
    const db = await open()
    const kb = knowledgeBase(db, folder({}))
    const audit = createSqlSyncAuditTrail({ db })
    const { jobId } = await kb.startSync('startup')
    await kb.runner.idle()
    const finished = await kb.getSync(jobId)
    assert.ok(finished)
    await audit.save({
      ...finished,
      jobId: 'sync-cut-off',
      status: 'IN_PROGRESS',
      finishedAt: null,
    })
    assert.equal(await kb.recoverInterrupted(), 1)
    const recovered = await kb.getSync('sync-cut-off')
    assert.equal(recovered?.status, 'FAILED')
    assert.match(recovered?.error ?? '', /interrupted/)
    assert.equal((await kb.getSync(jobId))?.status, 'SUCCEEDED')
  })
})
