import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { getEncoding } from 'js-tiktoken'
import { chunkPassages, chunkText } from '../../../app/core/knowledge/chunk.ts'
import { parseDocument } from '../../../app/core/knowledge/parse/index.ts'
import type { Chunk, Passage } from '../../../app/core/knowledge/types.ts'

/** An independent count: js-tiktoken's own encoder, not the chunker's memoised one. */
const cl100k = getEncoding('cl100k_base')
const SENTENCE_END = /[.!?]["'”’)\]]*$/

const parseFile = (key: string) => parseDocument({ key, bytes: new Uint8Array(readFileSync(key)) })

/** The CDC answers as one long paragraph of real prose (~16,000 tokens, all sentences short). */
async function cdcProse(): Promise<string> {
  const doc = await parseFile('data/documents/csv/cdc-covid19-faq.csv')
  return doc.passages
    .map((p) => p.text.match(/\nanswer: ([\s\S]*?)(?:\n[a-z_]+: |$)/)?.[1] ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
}

/** Words at the end of `a` repeated at the start of `b`. */
function overlapWords(a: string, b: string): string {
  const words = a.split(' ')
  for (let n = Math.min(words.length, b.split(' ').length); n > 0; n--) {
    const tail = words.slice(-n).join(' ')
    if (b.startsWith(`${tail} `)) return tail
  }
  return ''
}

/** Counts whitespace-separated words: makes chunk boundaries easy to predict. */
const wordCounter = { countTokens: (text: string) => text.split(/\s+/).filter(Boolean).length }

describe('chunkText with cl100k_base', () => {
  it('keeps every chunk within 512 real tokens and reports the real count', async () => {
    const chunks = chunkText(await cdcProse())
    assert.ok(chunks.length >= 30, `only ${chunks.length} chunks`)
    for (const chunk of chunks) {
      const tokens = cl100k.encode(chunk.text).length
      assert.ok(tokens <= 512, `chunk ${chunk.ordinal} has ${tokens} tokens`)
      assert.equal(chunk.tokenCount, tokens)
    }
    assert.deepEqual(
      chunks.map((c) => c.ordinal),
      chunks.map((_, i) => i),
    )
    assert.ok(
      chunks.every((c) => c.tokenCount > 400),
      'chunks are not filled',
    )
  })

  it('overlaps consecutive chunks by about 10% of the budget', async () => {
    const chunks = chunkText(await cdcProse())
    const overlaps = chunks.slice(1).map((c, i) => {
      const shared = overlapWords(chunks[i]?.text ?? '', c.text)
      return shared ? cl100k.encode(shared).length : 0
    })
    assert.ok(
      overlaps.every((t) => t > 0 && t <= 52),
      `overlaps: ${overlaps}`,
    )
    const mean = overlaps.reduce((a, b) => a + b, 0) / overlaps.length
    assert.ok(mean >= 0.05 * 512 && mean <= 0.1 * 512, `mean overlap ${mean}`)
  })

  it('starts and ends every chunk on a word boundary', async () => {
    const prose = await cdcProse()
    for (const { text } of chunkText(prose)) {
      const at = prose.indexOf(text)
      assert.ok(at >= 0, 'chunk is not a slice of the source')
      assert.ok(at === 0 || prose[at - 1] === ' ', `starts mid-word: "${text.slice(0, 30)}"`)
      const after = prose[at + text.length]
      assert.ok(after === undefined || after === ' ', `ends mid-word: "${text.slice(-30)}"`)
    }
  })

  it('ends chunks at sentence ends when sentences fit the budget', async () => {
    const chunks = chunkText(await cdcProse())
    for (const chunk of chunks.slice(0, -1)) {
      assert.match(chunk.text, SENTENCE_END, `ends mid-sentence: "${chunk.text.slice(-60)}"`)
    }
    assert.match(chunks[1]?.text ?? '', /^[A-Z“"]/, 'overlap starts at a sentence start')
  })

  it('honours a smaller budget and a larger overlap (128 tokens, 20%)', async () => {
    const prose = await cdcProse()
    const chunks = chunkText(prose, { maxTokens: 128, overlapRatio: 0.2 })
    assert.ok(chunks.length > 4 * chunkText(prose).length)
    for (const [i, chunk] of chunks.entries()) {
      assert.ok(cl100k.encode(chunk.text).length <= 128)
      if (i < chunks.length - 1) assert.match(chunk.text, SENTENCE_END)
      const next = chunks[i + 1]
      if (next) {
        const shared = cl100k.encode(overlapWords(chunk.text, next.text)).length
        assert.ok(shared > 0 && shared <= Math.floor(128 * 0.2) + 1, `overlap ${shared}`)
      }
    }
  })

  it('cuts a sentence longer than the budget at word boundaries only', () => {
    const sentence = `${Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ')}.`
    const chunks = chunkText(sentence, { maxTokens: 100, overlapRatio: 0 })
    assert.ok(chunks.length > 1)
    assert.equal(chunks.map((c) => c.text).join(' '), sentence)
    assert.ok(
      chunks.every((c) => c.tokenCount <= 100 && /^word\d+\.?$/.test(c.text.split(' ')[0] ?? '')),
    )
  })

  // A hang guard, not a speed target: unsliced, this input took js-tiktoken about 25 s.
  it('does not hang on a giant string without spaces', { timeout: 20_000 }, () => {
    const letters = chunkText('a'.repeat(200_000))
    const blob = Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 7919) % 251)).toString(
      'base64',
    )
    const base64 = chunkText(blob)
    assert.ok(letters.length > 1 && letters.every((c) => c.tokenCount <= 512))
    assert.ok(letters.every((c) => /^a+$/.test(c.text)))
    for (const chunk of base64) assert.ok(cl100k.encode(chunk.text).length <= 512)
    assert.ok(blob.startsWith(base64[0]?.text ?? '-'))
  })
})

describe('chunkPassages', () => {
  it('never merges CSV rows, even when each is small', async () => {
    const doc = await parseFile('data/documents/csv/cdc-covid19-faq.csv')
    const chunks = chunkPassages(doc.passages)
    assert.deepEqual(
      [...new Set(chunks.map((c) => c.location.row))],
      Array.from({ length: 111 }, (_, i) => i + 1),
    )
    for (const chunk of chunks) {
      const row = doc.passages[(chunk.location.row ?? 0) - 1]
      assert.ok(row?.text.replace(/\s+/g, ' ').includes(chunk.text.replace(/\s+/g, ' ')))
      assert.ok((chunk.text.match(/^question: /gm) ?? []).length <= 1)
    }
  })

  it('never merges PDF pages', async () => {
    const doc = await parseFile('data/documents/pdf/covidqa-annotation-tool-handbook.pdf')
    const chunks = chunkPassages(doc.passages)
    assert.equal(chunks.length, 13)
    assert.deepEqual(
      chunks.map((c) => [c.location.page, c.text]),
      doc.passages.map((p) => [p.location.page, p.text]),
    )
  })

  it('merges short passages that share a location, up to the budget', async () => {
    const doc = await parseFile('tests/fixtures/documents/returns-policy.txt')
    const [whole, ...rest] = chunkPassages(doc.passages)
    assert.equal(rest.length, 0)
    assert.equal(whole?.text, doc.passages.map((p) => p.text).join('\n\n'))
    const small = chunkPassages(doc.passages, { maxTokens: 100 })
    assert.deepEqual(
      small.map((c) => c.text.slice(0, 20)),
      [
        'Returns and Refunds ',
        'To start a return, s',
        'Refunds are issued t',
        'Damaged or wrong ite',
        'Exchanges are free f',
      ],
    )
  })

  it('keeps sections under different headings apart and copies their location', async () => {
    const passages: Passage[] = [
      { text: 'Reset it. Then sign in.', location: { headingPath: ['Password', 'Reset'] } },
      { text: 'Use the app.', location: { headingPath: ['Password', 'Reset'] } },
      { text: 'Call us.', location: { headingPath: ['Help'] } },
    ]
    const chunks: Chunk[] = chunkPassages(passages, { tokenizer: wordCounter, maxTokens: 50 })
    assert.deepEqual(chunks, [
      {
        ordinal: 0,
        text: 'Reset it. Then sign in.\n\nUse the app.',
        tokenCount: 8,
        location: { headingPath: ['Password', 'Reset'] },
      },
      { ordinal: 1, text: 'Call us.', tokenCount: 2, location: { headingPath: ['Help'] } },
    ])
    assert.notEqual(chunks[0]?.location.headingPath, passages[0]?.location.headingPath)
  })

  it('packs whole sentences and repeats the last one as overlap (word tokenizer)', () => {
    const text = 'One two three. Four five six. Seven eight nine. Ten eleven twelve. Thirteen.'
    const chunks = chunkText(text, { tokenizer: wordCounter, maxTokens: 7, overlapRatio: 0.5 })
    assert.deepEqual(
      chunks.map((c) => c.text),
      [
        'One two three. Four five six.',
        'Four five six. Seven eight nine.',
        'Seven eight nine. Ten eleven twelve. Thirteen.',
      ],
    )
  })

  it('returns nothing for no text and rejects impossible options', () => {
    assert.deepEqual(chunkPassages([]), [])
    assert.deepEqual(chunkText(' \n\n '), [])
    assert.throws(() => chunkText('x', { maxTokens: 0 }), RangeError)
    assert.throws(() => chunkText('x', { overlapRatio: 0.9 }), RangeError)
  })

  // Its speed belongs in the benchmark (npm run bench), not in a timed test on a noisy machine.
  it('chunks 300 documents of 1,000 words within the budget', async () => {
    const words = (await cdcProse()).split(' ')
    const docs = Array.from({ length: 300 }, (_, i) => words.slice(i * 7, i * 7 + 1000).join(' '))
    const chunks = docs.flatMap((text) => chunkText(text))
    assert.ok(chunks.length >= 600)
    assert.ok(chunks.every((chunk) => chunk.tokenCount <= 512))
  })
})
