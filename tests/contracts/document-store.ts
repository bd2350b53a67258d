import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { DocumentStore } from '../../app/ports/document-store.ts'

/**
 * The behaviour every DocumentStore must show. `open` gives a store over these files
 * (key → bytes, sidecars included) plus a way to change them later.
 */
export function documentStoreContract(
  open: (
    files: Record<string, string>,
  ) => Promise<{ store: DocumentStore; write(key: string, text: string): Promise<void> }>,
) {
  const files = {
    'billing/refunds.md': '# Refunds\nWe refund within 14 days.',
    'billing/refunds.md.metadata.json': JSON.stringify({
      metadataAttributes: { category: 'billing', year: 2024 },
    }),
    'shipping/times.txt': 'Orders ship in 2 days.',
  }

  it('lists documents in key order without their sidecars, with size, type and metadata', async () => {
    const { store } = await open(files)
    const listed = []
    for await (const ref of store.list()) listed.push(ref)
    assert.deepEqual(
      listed.map((r) => r.key),
      ['billing/refunds.md', 'shipping/times.txt'],
    )
    const [refunds, times] = listed
    assert.equal(refunds?.size, Buffer.byteLength(files['billing/refunds.md']))
    assert.equal(refunds?.contentType, 'text/markdown')
    assert.deepEqual(refunds?.metadata, { category: 'billing', year: '2024' })
    assert.deepEqual(times?.metadata, {})
    assert.ok(refunds?.lastModified instanceof Date)
  })

  it('lists only keys under a prefix', async () => {
    const { store } = await open(files)
    const keys = []
    for await (const ref of store.list('shipping/')) keys.push(ref.key)
    assert.deepEqual(keys, ['shipping/times.txt'])
  })

  it('gets the bytes of a document and null for a missing key', async () => {
    const { store } = await open(files)
    const document = await store.get('shipping/times.txt')
    assert.equal(new TextDecoder().decode(document?.bytes), 'Orders ship in 2 days.')
    assert.equal(await store.get('shipping/none.txt'), null)
  })

  it('changes the content hash when the bytes or the sidecar change, and only then', async () => {
    const { store, write } = await open(files)
    const hash = async (key: string) => (await store.get(key))?.contentHash
    const before = await hash('billing/refunds.md')
    assert.equal(await hash('billing/refunds.md'), before)
    await write(
      'billing/refunds.md.metadata.json',
      JSON.stringify({ metadataAttributes: { category: 'refunds' } }),
    )
    const afterSidecar = await hash('billing/refunds.md')
    assert.notEqual(afterSidecar, before)
    await write('billing/refunds.md', '# Refunds\nWe refund within 30 days.')
    assert.notEqual(await hash('billing/refunds.md'), afterSidecar)
  })
}
