import { Tiktoken } from 'js-tiktoken/lite'
import cl100kRanks from 'js-tiktoken/ranks/cl100k_base'
import type { Chunk, Passage, SourceLocation } from './types.ts'

/** Counts tokens the way the embedding model will. Must be pure: results are memoised. */
export interface Tokenizer {
  countTokens(text: string): number
}

export interface ChunkOptions {
  /** Hard upper bound on a chunk's tokens (default 512). */
  maxTokens?: number
  /** Share of `maxTokens` repeated from one chunk of a passage into the next (default 0.1). */
  overlapRatio?: number
  /** Defaults to cl100k_base (`defaultTokenizer()`). */
  tokenizer?: Tokenizer
}

/**
 * js-tiktoken's byte-pair merge is quadratic in the length of a pre-token (20,000 letters without
 * a space take 25 s), so longer pre-tokens are counted in slices of this many characters, which
 * over-counts them slightly but never hangs. Words longer than a chunk are cut at the same size.
 */
const PRE_TOKEN_SLICE = 64
const MEMO_LIMIT = 100_000
/** A sentence ends in . ! ? … (then quotes, brackets) before a capital, digit, or line break. */
const SENTENCE_END = /[.!?…]["'”’)\]]*$/
const SENTENCE_START = /^["'“‘([•●*-]?[\p{Lu}\p{N}]/u

const End = { None: 0, Line: 1, Sentence: 2, Paragraph: 3, Passage: 4 } as const // weakest first
type End = (typeof End)[keyof typeof End]

/** One word (or a slice of a word too long for any chunk) and the whitespace before it. */
interface Piece {
  text: string
  sep: '' | ' ' | '\n' | '\n\n'
  /** Tokens of the word with its separator, summed to estimate a chunk before counting it. */
  tokens: number
  end: End
  /** Index of the first piece of the passage this piece belongs to. */
  passageStart: number
}

interface Plan {
  pieces: Piece[]
  /** prefix[i] = estimated tokens of pieces[0..i). */
  prefix: number[]
  maxTokens: number
  overlapTokens: number
  tokenizer: Tokenizer
}

let cl100k: Tokenizer | undefined

/**
 * cl100k_base, built on first use and then shared: building it parses a ~1.7 MB rank table
 * (about half a second) and the encoder is immutable, so one per process is enough. Counts are
 * exact: tiktoken encodes each pre-token (the pattern's matches) on its own, so the count of a
 * text is the sum over its pre-tokens, which repeat enough to be worth memoising.
 */
export function defaultTokenizer(): Tokenizer {
  if (cl100k) return cl100k
  // The pattern splits text into pre-tokens; tiktoken never merges across them.
  const encoding = new Tiktoken(cl100kRanks)
  const pattern = new RegExp(cl100kRanks.pat_str, 'gu')
  const countPreToken: (piece: string) => number = memoise({
    countTokens: (piece) =>
      piece.length <= PRE_TOKEN_SLICE
        ? encoding.encode(piece).length
        : sliceText(piece, PRE_TOKEN_SLICE).reduce((sum, slice) => sum + countPreToken(slice), 0),
  })
  const countTokens = (text: string) => {
    let total = 0
    for (const [piece] of text.matchAll(pattern)) total += countPreToken(piece)
    return total
  }
  cl100k = { countTokens }
  return cl100k
}

/**
 * Splits passages into chunks of at most `maxTokens` tokens. Chunks end at the last passage,
 * paragraph or sentence boundary that fits, and only cut inside a sentence that is longer than
 * the budget (at a word boundary; a single word is cut only when it alone exceeds the budget).
 * Consecutive chunks of one passage share about `overlapRatio * maxTokens` tokens, whole
 * sentences when possible. Consecutive passages with the same location (short sections under one
 * heading, TXT paragraphs) are merged up to the budget; passages whose locations differ (CSV
 * rows, PDF pages, other headings) never share a chunk. `ordinal` counts from 0 over the result.
 */
export function chunkPassages(passages: Passage[], options: ChunkOptions = {}): Chunk[] {
  const { maxTokens = 512, overlapRatio = 0.1, tokenizer = defaultTokenizer() } = options
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}`)
  }
  if (!(overlapRatio >= 0 && overlapRatio <= 0.5)) {
    throw new RangeError(`overlapRatio must be between 0 and 0.5, got ${overlapRatio}`)
  }
  const overlapTokens = Math.floor(maxTokens * overlapRatio)
  const count = memoise(tokenizer)
  const chunks: Chunk[] = []
  for (const group of groupByLocation(passages)) {
    const pieces = toPieces(group.passages, count, Math.max(1, maxTokens - overlapTokens))
    const prefix = [0]
    for (const piece of pieces) prefix.push((prefix.at(-1) ?? 0) + piece.tokens)
    const plan: Plan = { pieces, prefix, maxTokens, overlapTokens, tokenizer }
    for (const { text, tokenCount } of pack(plan)) {
      const location = structuredClone(group.location)
      chunks.push({ ordinal: chunks.length, text, tokenCount, location })
    }
  }
  return chunks
}

/** `chunkPassages` for one text without a location. */
export function chunkText(text: string, options: ChunkOptions = {}): Chunk[] {
  return chunkPassages([{ text, location: {} }], options)
}

function* pack(plan: Plan): Generator<{ text: string; tokenCount: number }> {
  let frontier = 0
  while (frontier < plan.pieces.length) {
    const chunk = fit(plan, overlapStart(plan, frontier), frontier)
    yield chunk
    frontier = chunk.cut
  }
}

/**
 * The chunk from `start` that ends at the best boundary after `frontier` (the first piece not
 * yet in any chunk), checked with the real tokenizer: estimates are sums of per-word counts,
 * so when the exact count is over budget the chunk ends one boundary earlier, and as a last
 * resort drops its overlap.
 */
function fit(plan: Plan, start: number, frontier: number) {
  let from = start
  let limit = furthestEnd(plan, from)
  for (;;) {
    const cut = chooseCut(plan, from, frontier, Math.max(limit, frontier + 1))
    const text = render(plan.pieces, from, cut)
    const tokenCount = plan.tokenizer.countTokens(text)
    if (tokenCount <= plan.maxTokens || (cut === frontier + 1 && from === frontier)) {
      return { text, tokenCount, cut }
    }
    if (cut > frontier + 1) limit = cut - 1
    else {
      from = frontier
      limit = furthestEnd(plan, frontier)
    }
  }
}

/** Exclusive end of the longest run from `start` whose estimate fits the budget. */
function furthestEnd({ prefix, maxTokens }: Plan, start: number): number {
  const budget = (prefix[start] ?? 0) + maxTokens
  let end = start
  while (end + 1 < prefix.length && (prefix[end + 1] ?? budget + 1) <= budget) end++
  return end
}

/** Exclusive end in (frontier, limit]: a passage end, a well-filled paragraph, a sentence. */
function chooseCut(plan: Plan, start: number, frontier: number, limit: number): number {
  const { pieces, prefix, maxTokens } = plan
  if (limit >= pieces.length) return pieces.length
  const last: (number | undefined)[] = []
  for (let cut = limit; cut > frontier; cut--) {
    const end = pieces[cut - 1]?.end ?? End.None
    for (let level: number = end; level > End.None; level--) last[level] ??= cut
    if (end === End.Passage) break
  }
  const paragraph = last[End.Paragraph]
  const wellFilled =
    paragraph !== undefined && (prefix[paragraph] ?? 0) - (prefix[start] ?? 0) >= maxTokens / 2
  return (
    last[End.Passage] ??
    (wellFilled ? paragraph : undefined) ??
    last[End.Sentence] ??
    last[End.Line] ??
    limit
  )
}

/**
 * Where the chunk after `frontier` starts: a little before it, inside the same passage, so that
 * about `overlapTokens` repeat. The overlap shrinks to leave room for the next whole sentence,
 * and starts at a sentence start when that keeps at least half of it.
 */
function overlapStart(plan: Plan, frontier: number): number {
  const { pieces, prefix, maxTokens, overlapTokens } = plan
  const floor = pieces[frontier]?.passageStart ?? frontier
  if (frontier === floor || overlapTokens === 0) return frontier
  let sentenceEnd = frontier + 1
  while (sentenceEnd < pieces.length && (pieces[sentenceEnd - 1]?.end ?? 0) < End.Sentence) {
    sentenceEnd++
  }
  const at = (i: number) => prefix[i] ?? 0
  const need = at(sentenceEnd) - at(frontier)
  const budget = need <= maxTokens ? Math.min(overlapTokens, maxTokens - need) : overlapTokens
  let start = frontier
  while (start > floor && at(frontier) - at(start - 1) <= budget) start--
  for (let k = start; k < frontier; k++) {
    if (k === floor || (pieces[k - 1]?.end ?? 0) >= End.Sentence) {
      return at(frontier) - at(k) >= budget / 2 ? k : start
    }
  }
  return start
}

function toPieces(passages: Passage[], count: (text: string) => number, maxPiece: number) {
  const pieces: Piece[] = []
  for (const passage of passages) {
    const first = pieces.length
    for (const [, space = '', word = ''] of passage.text.matchAll(/(\s*)(\S+)/g)) {
      const sep = pieces.length === first ? (first === 0 ? '' : '\n\n') : separator(space)
      splitWord(word, count, maxPiece).forEach((part, i) => {
        const gap = i === 0 ? sep : ''
        const tokens = count(gap === ' ' ? ` ${part}` : part) + (gap.includes('\n') ? 1 : 0)
        pieces.push({ text: part, sep: gap, tokens, end: End.None, passageStart: first })
      })
    }
    markEnds(pieces, first)
  }
  return pieces
}

function markEnds(pieces: Piece[], first: number): void {
  for (let i = first; i < pieces.length; i++) {
    const piece = pieces[i] as Piece
    const next = pieces[i + 1]
    if (!next) piece.end = End.Passage
    else if (next.sep === '\n\n') piece.end = End.Paragraph
    else if (SENTENCE_END.test(piece.text) && (next.sep === '\n' || SENTENCE_START.test(next.text)))
      piece.end = End.Sentence
    else if (next.sep === '\n') piece.end = End.Line
  }
}

/** A word as one piece, or in slices when it alone would not fit in a chunk with its overlap. */
function splitWord(word: string, count: (text: string) => number, maxPiece: number): string[] {
  // No character encodes to more than 4 tokens (UTF-8 bytes), so short words need no count.
  if (word.length * 4 <= maxPiece || count(word) <= maxPiece) return [word]
  const slices = sliceText(word, PRE_TOKEN_SLICE)
  return slices.flatMap((slice) => {
    if (slice.length < 2 || count(slice) <= maxPiece) return [slice]
    const [left = '', right = ''] = sliceText(slice, Math.ceil(slice.length / 2))
    return [...splitWord(left, count, maxPiece), ...splitWord(right, count, maxPiece)]
  })
}

/** Cuts text into parts of at most `size` UTF-16 units without splitting surrogate pairs. */
function sliceText(text: string, size: number): string[] {
  const parts: string[] = []
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length)
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end)) && end - at > 1) end--
    parts.push(text.slice(at, end))
    at = end
  }
  return parts
}

function separator(space: string): Piece['sep'] {
  return /\n[^\n]*\n/.test(space) ? '\n\n' : space.includes('\n') ? '\n' : ' '
}

function render(pieces: Piece[], start: number, end: number): string {
  return pieces
    .slice(start, end)
    .map((piece, i) => (i === 0 ? piece.text : piece.sep + piece.text))
    .join('')
}

/** Word counts per tokenizer, kept across calls: most words of a knowledge base recur. */
const wordCounts = new WeakMap<Tokenizer, Map<string, number>>()

function memoise(tokenizer: Tokenizer): (text: string) => number {
  const cache = wordCounts.get(tokenizer) ?? new Map<string, number>()
  wordCounts.set(tokenizer, cache)
  return (text) => {
    const known = cache.get(text)
    if (known !== undefined) return known
    if (cache.size >= MEMO_LIMIT) cache.clear()
    return cache.set(text, tokenizer.countTokens(text)).get(text) as number
  }
}

/** Runs of consecutive non-blank passages that share page, row and heading path. */
function groupByLocation(passages: Passage[]) {
  const groups: { key: string; location: SourceLocation; passages: Passage[] }[] = []
  for (const passage of passages) {
    if (!passage.text.trim()) continue
    const { page, row, headingPath = [] } = passage.location
    const key = JSON.stringify([page, row, headingPath])
    const last = groups.at(-1)
    if (last?.key === key) last.passages.push(passage)
    else groups.push({ key, location: passage.location, passages: [passage] })
  }
  return groups
}
