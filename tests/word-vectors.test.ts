import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { BUNDLED_WORD_VECTORS } from '../app/core/knowledge/search/data/bundled.ts'
import { parseRows } from '../scripts/word-vectors.ts'

const SCRIPT = new URL('../scripts/word-vectors.ts', import.meta.url).pathname

/** Argument validation only: a real run downloads ~110 MB and rewrites the shipped table. */
describe('npm run word-vectors', () => {
  it('takes a positive integer --rows', () => {
    assert.equal(parseRows('100000'), 100_000)
    assert.equal(parseRows('1'), 1)
  })

  for (const bad of ['abc', '0', '-5', '1.5', '', '1e3', ' 7', '99999999999999999999']) {
    it(`rejects --rows ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseRows(bad), /--rows must be a positive integer/)
    })
  }

  it('exits non-zero on a bad --rows before reading anything, leaving the table as it was', async () => {
    const before = await readFile(BUNDLED_WORD_VECTORS)
    // --from a file that does not exist: even if validation failed, nothing is fetched or written.
    const from = join(tmpdir(), 'word-vectors-test-absent.json')
    await assert.rejects(
      promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        SCRIPT,
        '--rows=abc',
        '--from',
        from,
      ]),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1)
        assert.match(error.stderr ?? '', /--rows must be a positive integer, not "abc"/)
        assert.doesNotMatch(error.stderr ?? '', /reading /)
        return true
      },
    )
    assert.ok(before.equals(await readFile(BUNDLED_WORD_VECTORS)), 'the shipped table changed')
  })
})
