import { stem } from './stem.ts'
import { QUERY_FILLER, STOP_WORDS } from './stopwords.ts'

/** Filler as stems too, so "understanding" is dropped like "understand". */
const FILLER_STEMS: ReadonlySet<string> = new Set([...QUERY_FILLER].map((w) => stem(w)))

/** Memo of stems: a corpus repeats few distinct words; bounded so it cannot grow forever. */
const stems = new Map<string, string>()
function cachedStem(word: string): string {
  let s = stems.get(word)
  if (s === undefined) {
    s = stem(word)
    if (stems.size < 100_000) stems.set(word, s)
  }
  return s
}

export interface TokenizeOptions {
  /** Porter-stem each word (default true). */
  stem?: boolean
  /** Drop English stop words (default true). */
  stopWords?: boolean
  /** Also drop conversational filler ("hello", "wondering"); for queries (default false). */
  dropFiller?: boolean
}

/** Unicode folding: compatibility forms, no diacritics ("Café" -> "cafe"), lower case. */
export const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()

/** Words of the text as index terms are made of, before stemming: folded letter/digit runs. */
const words = (text: string): string[] =>
  fold(text)
    .replace(/['’]/g, '')
    .match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * Splits text into index terms, in reading order. Apostrophes join ("don't" -> "dont");
 * words are runs of letters and digits, so "VR&E" -> ["vr", "e"] on both sides alike.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  return stemWords(keptWords(text, options), options)
}

/** keptWords' words as index terms: what tokenize gives, for a caller that has the words. */
export function stemWords(words: readonly string[], options: TokenizeOptions = {}): string[] {
  return (options.stem ?? true) ? words.map(cachedStem) : [...words]
}

/**
 * The words tokenize keeps, unstemmed (what word vectors are looked up by): stop words out,
 * and with dropFiller the query filler, as words or as stems ("understanding").
 */
export function keptWords(text: string, options: TokenizeOptions = {}): string[] {
  const { stopWords = true, dropFiller = false } = options
  const kept: string[] = []
  for (const word of words(text)) {
    if (stopWords && STOP_WORDS.has(word)) continue
    if (dropFiller && (QUERY_FILLER.has(word) || FILLER_STEMS.has(cachedStem(word)))) continue
    kept.push(word)
  }
  return kept
}
