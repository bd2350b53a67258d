import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { createS3DocumentStore } from '../../app/adapters/document-store/s3.ts'
import { documentStoreContract } from '../contracts/document-store.ts'
import { createBucket, describeWithMoto, s3Client, useMoto } from '../helpers/moto.ts'

const moto = useMoto()
const encode = (text: string) => new TextEncoder().encode(text)

/** A fresh bucket holding `files` under `prefix`, and a store over it. */
async function openStore(files: Record<string, string>, prefix = 'kb/', maxKeys = 1_000) {
  const client = s3Client(moto)
  const bucket = await createBucket(moto)
  const write = (key: string, text: string) =>
    client
      .send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: encode(text) }))
      .then(() => {})
  for (const [key, text] of Object.entries(files)) await write(key, text)
  const store = createS3DocumentStore({ bucket, prefix, maxKeys, client })
  return { store, write, client, bucket }
}

/** Counts the ListObjectsV2 calls a client makes. */
function countLists(client: S3Client): { count: number } {
  const counter = { count: 0 }
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'ListObjectsV2Command') counter.count++
      return next(args)
    },
    { step: 'initialize' },
  )
  return counter
}

describeWithMoto('DocumentStore contract, S3 adapter', () => {
  documentStoreContract((files) => openStore(files))
  describe('one key per ListObjectsV2 page', () => {
    documentStoreContract((files) => openStore(files, 'paged/', 1))
  })

  it('lists across several ListObjectsV2 pages, sidecars on another page than their document', async () => {
    const files: Record<string, string> = { 'a.md': 'a', 'a.md.bak': 'old', 'c.txt': 'c' }
    files['a.md.metadata.json'] = JSON.stringify({ metadataAttributes: { lang: 'en' } })
    for (const n of [1, 2, 3]) files[`b/${n}.txt`] = `b${n}`
    const { store, client } = await openStore(files, 'docs/', 2)
    const lists = countLists(client)
    const listed = []
    for await (const ref of store.list()) listed.push([ref.key, ref.metadata])
    assert.deepEqual(listed, [
      ['a.md', { lang: 'en' }],
      ['a.md.bak', {}],
      ['b/1.txt', {}],
      ['b/2.txt', {}],
      ['b/3.txt', {}],
      ['c.txt', {}],
    ])
    assert.equal(lists.count, 4, '7 keys at 2 per page')
  })

  it('sees only its prefix, keys relative to it, and skips folder markers', async () => {
    const { store, client, bucket } = await openStore({ 'x.txt': 'x', 'faq/': '' }, 'kb/')
    for (const outside of ['kb-old/y.txt', 'z.txt']) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: outside, Body: 'no' }))
    }
    const keys = []
    for await (const ref of store.list()) keys.push(ref.key)
    assert.deepEqual(keys, ['x.txt'])
    assert.equal(await store.get('z.txt'), null)
  })

  it('gets a plain Uint8Array with size and lastModified', async () => {
    const { store } = await openStore({ 'a.txt': 'héllo' })
    const document = await store.get('a.txt')
    assert.equal(document?.bytes.constructor, Uint8Array)
    assert.equal(document?.size, Buffer.byteLength('héllo'))
    assert.ok(document?.lastModified instanceof Date)
  })

  it('rejects get() of a document whose sidecar is malformed, naming the sidecar', async () => {
    const { store } = await openStore({ 'a.txt': 'a', 'a.txt.metadata.json': '{not json' })
    await assert.rejects(store.get('a.txt'), /a\.txt\.metadata\.json is not valid JSON/)
    const listed = []
    for await (const ref of store.list()) listed.push(ref.metadata)
    assert.deepEqual(listed, [{}], 'listing stays lenient')
  })
})
