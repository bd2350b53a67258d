import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const SAMPLE_DOCUMENTS = new URL('../../data/documents/', import.meta.url).pathname
export const FIXTURES = new URL('../fixtures/documents/', import.meta.url).pathname

/** One real file of each of the six formats, as `key → source path`. */
export const ONE_OF_EACH: Record<string, string> = {
  'pdf/handbook.pdf': join(SAMPLE_DOCUMENTS, 'pdf/covidqa-annotation-tool-handbook.pdf'),
  'html/apache-errors.html': join(SAMPLE_DOCUMENTS, 'html/apache-httpd-faq-error-messages.html'),
  'markdown/forgot-your-password.md': join(
    SAMPLE_DOCUMENTS,
    'markdown/login-gov-help/trouble-signing-in/forgot-your-password._en.md',
  ),
  'docx/smartydo-user-guide.docx': join(SAMPLE_DOCUMENTS, 'docx/smartydo-user-guide.docx'),
  'csv/cdc-covid19-faq.csv': join(SAMPLE_DOCUMENTS, 'csv/cdc-covid19-faq.csv'),
  'txt/returns-policy.txt': join(FIXTURES, 'returns-policy.txt'),
}

/** A temporary documents folder holding `files` (key → source path); removed by `cleanup`. */
export function documentsFolder(files: Record<string, string> = ONE_OF_EACH) {
  const root = mkdtempSync(join(tmpdir(), 'kb-docs-'))
  for (const [key, source] of Object.entries(files)) cpSync(source, join(root, key))
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}
