import {
  type _Object,
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import {
  type DocumentRef,
  type DocumentStore,
  parseSidecar,
  SIDECAR_SUFFIX,
} from '../../ports/document-store.ts'
import { contentTypeOf } from './content-type.ts'

// The folder adapter's table (fs.ts): both stores type a key by its extension, so list and get
// agree whatever Content-Type an uploader happened to set.
export interface S3DocumentStoreOptions {
  bucket: string
  /** Keys are relative to this (`kb/`); '' for the whole bucket. */
  prefix?: string
  /** Keys per ListObjectsV2 page (S3's maximum and default: 1000). */
  maxKeys?: number
  client?: S3Client
}

/**
 * Documents in an S3 bucket. A sidecar `<key>.metadata.json` is not a document: its attributes
 * become the document's metadata and its ETag joins the object's in `contentHash`. No `watch`:
 * S3 changes reach the sync through EventBridge.
 */
export function createS3DocumentStore({
  bucket,
  prefix = '',
  maxKeys = 1_000,
  client = new S3Client({}),
}: S3DocumentStoreOptions): DocumentStore {
  async function getObject(key: string): Promise<GetObjectCommandOutput | null> {
    try {
      return await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }))
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null
      throw error
    }
  }

  async function sidecarOf(key: string) {
    const sidecar = await getObject(key + SIDECAR_SUFFIX)
    if (!sidecar) return null
    return { etag: sidecar.ETag ?? '', text: (await sidecar.Body?.transformToString()) ?? '' }
  }

  return {
    async *list(under = '') {
      const objects = await listAll(client, { bucket, prefix: prefix + under, maxKeys })
      const keys = new Set(objects.keys())
      for (const [fullKey, object] of objects) {
        // Folder markers (`faq/`, made by the console) are not documents either.
        if (fullKey.endsWith(SIDECAR_SUFFIX) || fullKey.endsWith('/')) continue
        const key = fullKey.slice(prefix.length)
        const sidecar = keys.has(fullKey + SIDECAR_SUFFIX) ? await sidecarOf(key) : null
        yield describe(key, object.ETag, object.Size, object.LastModified, sidecar, lenient)
      }
    },

    async get(key) {
      const object = await getObject(key)
      if (!object) return null
      const sidecar = await sidecarOf(key)
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array()
      const ref = describe(
        key,
        object.ETag,
        object.ContentLength,
        object.LastModified,
        sidecar,
        (text) => strict(key, text),
      )
      // A plain Uint8Array view: some parsers (pdf.js) refuse Node's Buffer subclass.
      return { ...ref, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
    },
  }
}

function describe(
  key: string,
  etag: string | undefined,
  size: number | undefined,
  lastModified: Date | undefined,
  sidecar: { etag: string; text: string } | null,
  parse: (text: string) => Record<string, string>,
): DocumentRef {
  return {
    key,
    size: size ?? 0,
    lastModified: lastModified ?? new Date(0),
    contentType: contentTypeOf(key),
    // ETags change with the bytes (MD5 for single-part uploads, a per-part digest otherwise).
    contentHash: sidecar ? `${etag ?? ''}+${sidecar.etag}` : (etag ?? ''),
    metadata: sidecar ? parse(sidecar.text) : {},
  }
}

/**
 * Every object under `prefix`, in S3's key order, across all pages. The whole listing is read
 * first because a sidecar can sit on a later page than its document (`a.md`, `a.md.bak`, ...).
 */
async function listAll(
  client: S3Client,
  { bucket, prefix, maxKeys }: { bucket: string; prefix: string; maxKeys: number },
): Promise<Map<string, _Object>> {
  const objects = new Map<string, _Object>()
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        MaxKeys: maxKeys,
        ContinuationToken: token,
      }),
    )
    for (const object of page.Contents ?? []) if (object.Key) objects.set(object.Key, object)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return objects
}

/** Listing never fails on one bad sidecar; `get` reports it, so sync names the document. */
function lenient(text: string): Record<string, string> {
  try {
    return parseSidecar(text)
  } catch {
    return {}
  }
}

function strict(key: string, text: string): Record<string, string> {
  try {
    return parseSidecar(text)
  } catch {
    throw new Error(`${key}${SIDECAR_SUFFIX} is not valid JSON`)
  }
}
