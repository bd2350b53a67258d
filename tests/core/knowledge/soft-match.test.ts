import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { wordVectorsLoader } from '../../../app/adapters/knowledge-base/word-vectors.ts'
import { createSearchIndex, type IndexedChunk } from '../../../app/core/knowledge/search/index.ts'
import { createSoftMatcher } from '../../../app/core/knowledge/search/soft-match.ts'
import {
  decodeVectorTable,
  encodeVectorTable,
} from '../../../app/core/knowledge/search/vector-table.ts'

const bundled = await wordVectorsLoader('bundled')()
if (!bundled) throw new Error('the bundled word vectors did not load')
const table = bundled

const chunk = (id: string, title: string, text: string): IndexedChunk => ({
  id,
  documentKey: `${id}.md`,
  title,
  text,
  metadata: {},
})

// Lexically alike for "insurance"; only the word vectors know a car is a vehicle. The vehicle
// page comes second, so without them the tie goes to the home page by insertion order.
const HOME = chunk('home', 'Insurance for your home', 'Home insurance covers damage to the house.')
const VEHICLE = chunk(
  'vehicle',
  'Insurance for your vehicle',
  'Vehicle insurance covers damage to the vehicle.',
)

describe('vector table', () => {
  it('round-trips words and cosines through the int8 format', () => {
    const s = Math.SQRT1_2
    const bytes = encodeVectorTable(
      ['east', 'north', 'northeast'],
      [
        [1, 0],
        [0, 1],
        [s, s],
      ],
      { dims: 2, source: 'test' },
    )
    const t = decodeVectorTable(bytes)
    assert.equal(t.size, 3)
    assert.equal(t.source, 'test')
    assert.equal(t.idOf('north'), 1)
    assert.equal(t.idOf('south'), -1)
    assert.ok(Math.abs(t.cosine(0, 2) - s) < 0.01, `cos ${t.cosine(0, 2)}`)
    assert.ok(Math.abs(t.cosine(0, 1)) < 0.01)
    assert.deepEqual(
      [...t.matrix([2])].map((x) => Math.round(x * 100) / 100),
      [0.71, 0.71],
    )
  })

  it('refuses a file of another format', () => {
    const bytes = encodeVectorTable(['a'], [[1]], { dims: 1, source: 'test' })
    const text = new TextDecoder().decode(bytes).replace('wvec-int8-v1', 'wvec-int8-v0')
    assert.throws(() => decodeVectorTable(new TextEncoder().encode(text)), /format wvec-int8-v0/)
  })

  it('ships GloVe vectors in which near words are near', () => {
    assert.ok(table.size > 90_000, `${table.size} words`)
    const cos = (a: string, b: string) => table.cosine(table.idOf(a), table.idOf(b))
    assert.ok(cos('car', 'vehicle') > 0.8)
    assert.ok(cos('jobs', 'employment') > 0.7)
    assert.ok(cos('car', 'spouse') < 0.3)
  })
})

describe('word vectors loader', () => {
  it('is off when told so and names the file it cannot read', async () => {
    assert.equal(await wordVectorsLoader('off')(), undefined)
    await assert.rejects(wordVectorsLoader('/nonexistent/vectors.wvec')(), /nonexistent\/vectors/)
    const dir = await mkdtemp(join(tmpdir(), 'wvec-'))
    try {
      const file = join(dir, 'bad.wvec')
      await writeFile(file, 'not a table')
      await assert.rejects(wordVectorsLoader(file)(), /bad\.wvec/)
    } finally {
      await rm(dir, { recursive: true })
    }
  })
})

describe('soft term matching', () => {
  it('scores each chunk by the best match of every query word, 1 for the word itself', () => {
    const matcher = createSoftMatcher(
      [
        ['vehicle', 'insurance'],
        ['house', 'insurance'],
      ],
      table,
      { minCosine: 0.6 },
    )
    const [vehicle = 0, house = 0] = matcher.score([
      ['car', 1],
      ['insurance', 1],
    ]) ?? [0, 0]
    // insurance matches both fully; car matches vehicle (cosine ~0.86) and not house.
    assert.ok(vehicle > 0.9 && vehicle < 1, `vehicle ${vehicle}`)
    assert.equal(house, 0.5)
    assert.equal(matcher.score([['xqzzyv', 1]]), undefined)
  })

  it('ranks the chunk with a near word of the query first', () => {
    const query = 'insurance for my car'
    const without = createSearchIndex([HOME, VEHICLE]).search(query)
    assert.deepEqual(
      without.map((h) => h.chunk.id),
      ['home', 'vehicle'],
    )
    assert.equal(without[0]?.score, without[1]?.score)
    const withVectors = createSearchIndex([HOME, VEHICLE], { wordVectors: table }).search(query)
    assert.deepEqual(
      withVectors.map((h) => h.chunk.id),
      ['vehicle', 'home'],
    )
    assert.ok((withVectors[0]?.score ?? 0) > (withVectors[1]?.score ?? 0))
  })

  it('never brings in a chunk that shares no word with the query', () => {
    const index = createSearchIndex([HOME, VEHICLE], { wordVectors: table })
    assert.deepEqual(index.search('automobile'), [])
  })

  it('is switched off by softMatch: false even with vectors', () => {
    const index = createSearchIndex([HOME, VEHICLE], { wordVectors: table, softMatch: false })
    assert.equal(index.search('insurance for my car')[0]?.chunk.id, 'home')
  })
})
