/**
 * A table of pre-trained word vectors in a compact file format (`.wvec`): unit-length vectors
 * quantised to int8 with one float scale each, so 100,000 words of 100 dimensions take 10 MB
 * and load without parsing. scripts/word-vectors.ts writes it; the engine only reads it.
 *
 * Layout (little-endian): u32 header length · JSON header `{ format, dims, count, wordBytes,
 * source }` · the words, '\n'-separated UTF-8 (wordBytes long) · zero padding to 4 bytes ·
 * f32 scale per word · i8 × dims per word.
 */

export const VECTOR_TABLE_FORMAT = 'wvec-int8-v1'

export interface VectorTable {
  readonly dims: number
  readonly size: number
  /** Where the vectors come from (the header's `source`). */
  readonly source: string
  /** Row of a word (lower case, as the tokenizer folds it), or -1 when absent. */
  idOf(word: string): number
  /** Cosine of two rows (both unit length before quantisation). */
  cosine(a: number, b: number): number
  /** The rows, dequantised, as one dims-wide Float32Array: for scanning many at once. */
  matrix(rows: ArrayLike<number>): Float32Array
}

interface Header {
  format: string
  dims: number
  count: number
  wordBytes: number
  source: string
}

const align4 = (n: number) => (n + 3) & ~3

/** Encodes rows of unit-length vectors (one per word) in the table format. */
export function encodeVectorTable(
  words: string[],
  vectors: ArrayLike<number>[],
  { dims, source }: { dims: number; source: string },
): Uint8Array {
  const wordBytes = new TextEncoder().encode(words.join('\n'))
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: VECTOR_TABLE_FORMAT,
      dims,
      count: words.length,
      wordBytes: wordBytes.length,
      source,
    } satisfies Header),
  )
  const scalesAt = align4(4 + header.length + wordBytes.length)
  const valuesAt = scalesAt + 4 * words.length
  const out = new Uint8Array(valuesAt + dims * words.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, header.length, true)
  out.set(header, 4)
  out.set(wordBytes, 4 + header.length)
  const values = new Int8Array(out.buffer, valuesAt)
  vectors.forEach((v, row) => {
    let max = 0
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d] ?? 0))
    const scale = max / 127 || 1
    view.setFloat32(scalesAt + 4 * row, scale, true)
    for (let d = 0; d < dims; d++) values[row * dims + d] = Math.round((v[d] ?? 0) / scale)
  })
  return out
}

/** Reads a table written by encodeVectorTable; throws on another format. */
export function decodeVectorTable(bytes: Uint8Array): VectorTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(0, true)
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as Header
  if (header.format !== VECTOR_TABLE_FORMAT)
    throw new Error(`word vectors: format ${header.format}, expected ${VECTOR_TABLE_FORMAT}`)
  const { dims, count } = header
  const wordsAt = 4 + headerLength
  const words = new TextDecoder()
    .decode(bytes.subarray(wordsAt, wordsAt + header.wordBytes))
    .split('\n')
  const scalesAt = align4(wordsAt + header.wordBytes)
  const scales = new Float32Array(count)
  for (let i = 0; i < count; i++) scales[i] = view.getFloat32(scalesAt + 4 * i, true)
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + scalesAt + 4 * count, count * dims)
  const ids = new Map<string, number>()
  words.forEach((w, i) => {
    ids.set(w, i)
  })
  return {
    dims,
    size: count,
    source: header.source,
    idOf: (word) => ids.get(word) ?? -1,
    cosine(a, b) {
      let sum = 0
      for (let d = 0, x = a * dims, y = b * dims; d < dims; d++)
        sum += (values[x + d] ?? 0) * (values[y + d] ?? 0)
      return sum * (scales[a] ?? 0) * (scales[b] ?? 0)
    },
    matrix(rows) {
      const out = new Float32Array(rows.length * dims)
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] ?? 0
        const scale = scales[row] ?? 0
        for (let d = 0; d < dims; d++) out[r * dims + d] = (values[row * dims + d] ?? 0) * scale
      }
      return out
    },
  }
}
