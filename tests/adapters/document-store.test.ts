import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, describe, it } from 'node:test'
import { createFolderDocumentStore } from '../../app/adapters/document-store/fs.ts'
import { documentStoreContract } from '../contracts/document-store.ts'

describe('DocumentStore contract, folder adapter', () => {
  const roots: string[] = []
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })
  function folder(files: Record<string, string>) {
    const root = mkdtempSync(join(tmpdir(), 'store-'))
    roots.push(root)
    for (const [key, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, key)), { recursive: true })
      writeFileSync(join(root, key), text)
    }
    return root
  }

  documentStoreContract(async (files) => {
    const root = folder(files)
    return {
      store: createFolderDocumentStore({ root }),
      write: (key, text) => writeFile(join(root, key), text),
    }
  })

  it('refuses keys that escape the folder and ignores dot-files', async () => {
    const root = folder({ 'a.txt': 'a', '.hidden/b.txt': 'b', '.DS_Store': 'x' })
    const store = createFolderDocumentStore({ root })
    await assert.rejects(store.get('../../etc/passwd'), /escapes/)
    const keys = []
    for await (const ref of store.list()) keys.push(ref.key)
    assert.deepEqual(keys, ['a.txt'])
  })

  it('rejects get() of a document whose sidecar is malformed, naming the sidecar', async () => {
    const root = folder({ 'a.txt': 'a', 'a.txt.metadata.json': '{not json' })
    const store = createFolderDocumentStore({ root })
    await assert.rejects(store.get('a.txt'), /a\.txt\.metadata\.json is not valid JSON/)
  })
})
