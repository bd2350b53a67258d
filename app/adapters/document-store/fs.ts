import { createHash } from 'node:crypto'
import { type FSWatcher, watch } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import {
  type DocumentRef,
  type DocumentStore,
  parseSidecar,
  SIDECAR_SUFFIX,
  type StoredDocument,
} from '../../ports/document-store.ts'
import { contentTypeOf } from './content-type.ts'

/**
 * Documents in a local folder (the embedded twin of the S3 bucket). Keys are paths relative to
 * `root` with `/` separators; dot-files and dot-folders are ignored.
 */
export function createFolderDocumentStore({ root }: { root: string }): DocumentStore {
  const base = resolve(root)
  const pathOf = (key: string) => {
    const path = resolve(base, key)
    if (path !== base && !path.startsWith(base + sep))
      throw new Error('key escapes the document root')
    return path
  }

  async function describe(key: string, strict: boolean): Promise<StoredDocument | null> {
    const path = pathOf(key)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile()) return null
    const file = await readFile(path)
    // A plain Uint8Array view: some parsers (pdf.js) refuse Node's Buffer subclass.
    const content = new Uint8Array(file.buffer, file.byteOffset, file.byteLength)
    const sidecar = await readFile(`${path}${SIDECAR_SUFFIX}`, 'utf8').catch(() => null)
    const hash = createHash('sha256').update(content)
    if (sidecar !== null) hash.update('\0metadata\0').update(sidecar)
    return {
      key,
      size: info.size,
      lastModified: info.mtime,
      contentType: contentTypeOf(key),
      contentHash: hash.digest('hex'),
      metadata:
        sidecar === null ? {} : strict ? strictSidecar(key, sidecar) : lenientSidecar(sidecar),
      bytes: content,
    }
  }

  return {
    async *list(prefix = '') {
      for (const key of await listKeys(base)) {
        if (!key.startsWith(prefix)) continue
        const document = await describe(key, false)
        if (document) yield withoutBytes(document)
      }
    },
    get: (key) => describe(key, true),
    watch(onChange) {
      const watcher: FSWatcher = watch(base, { recursive: true }, () => onChange())
      watcher.on('error', () => {})
      return () => watcher.close()
    },
  }
}

async function listKeys(base: string): Promise<string[]> {
  const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(base, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter(
      (key) =>
        !key.split('/').some((part) => part.startsWith('.')) && !key.endsWith(SIDECAR_SUFFIX),
    )
    .sort()
}

function withoutBytes({ bytes: _bytes, ...ref }: StoredDocument): DocumentRef {
  return ref
}

/** Listing never fails on one bad sidecar; `get` reports it, so sync names the document. */
function lenientSidecar(text: string): Record<string, string> {
  try {
    return parseSidecar(text)
  } catch {
    return {}
  }
}

function strictSidecar(key: string, text: string): Record<string, string> {
  try {
    return parseSidecar(text)
  } catch {
    throw new Error(`${key}${SIDECAR_SUFFIX} is not valid JSON`)
  }
}
