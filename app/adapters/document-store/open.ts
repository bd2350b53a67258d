import { resolve } from 'node:path'
import type { DocumentStore } from '../../ports/document-store.ts'
import { createFolderDocumentStore } from './fs.ts'

/** The document store a URL names: `file://<dir>` (relative to the working directory). */
export function openDocumentStore(url: string): DocumentStore {
  if (url.startsWith('file://'))
    return createFolderDocumentStore({ root: resolve(url.slice('file://'.length)) })
  throw new Error(`unsupported DOCUMENTS_URL ${url}`)
}
