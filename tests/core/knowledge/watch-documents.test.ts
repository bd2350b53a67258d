import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createFolderDocumentStore } from '../../../app/adapters/document-store/fs.ts'
import { watchDocuments } from '../../../app/core/knowledge/watch-documents.ts'
import { createLogger } from '../../../app/observability/logger.ts'
import type { KnowledgeBase, SyncTrigger } from '../../../app/ports/knowledge-base.ts'
import { documentsFolder } from '../../helpers/documents.ts'

describe('watchDocuments', () => {
  it('starts one file_change sync after a burst of changes settles', async () => {
    const folder = documentsFolder({})
    const triggers: SyncTrigger[] = []
    const knowledgeBase = {
      startSync: async (trigger: SyncTrigger) => {
        triggers.push(trigger)
        return { jobId: 'sync-x', status: 'QUEUED' as const, coalesced: false }
      },
    } as unknown as KnowledgeBase
    const stop = watchDocuments({
      documents: createFolderDocumentStore({ root: folder.root }),
      knowledgeBase,
      debounceMs: 150,
      logger: createLogger({ level: 'silent' }),
    })
    try {
      for (let n = 0; n < 5; n++) writeFileSync(join(folder.root, `note-${n}.txt`), `note ${n}`)
      const deadline = Date.now() + 5_000
      while (triggers.length === 0 && Date.now() < deadline) await sleep(50)
      await sleep(400)
      assert.deepEqual(triggers, ['file_change'])
    } finally {
      stop()
      folder.cleanup()
    }
  })
})
