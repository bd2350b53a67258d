/**
 * The Porter (1980) stemmer, English only. Maps inflected and derived forms to one stem
 * ("refunding", "refunded", "refunds" -> "refund") so a query matches any form in the corpus.
 * Stems are index keys, not words: "relational" -> "relat".
 */

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i]
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return true
  return c === 'y' && i > 0 && !isVowelAt(w, i - 1)
}

/** The measure m of a stem: the number of vowel-consonant sequences (VC)^m. */
function measure(stem: string): number {
  let m = 0
  let prevVowel = false
  for (let i = 0; i < stem.length; i++) {
    const v = isVowelAt(stem, i)
    if (prevVowel && !v) m++
    prevVowel = v
  }
  return m
}

const hasVowel = (stem: string): boolean => {
  for (let i = 0; i < stem.length; i++) if (isVowelAt(stem, i)) return true
  return false
}

const endsDoubleConsonant = (w: string): boolean =>
  w.length > 1 && w[w.length - 1] === w[w.length - 2] && !isVowelAt(w, w.length - 1)

/** consonant-vowel-consonant ending, last consonant not w, x or y ("hop", not "snow"). */
const endsCvc = (w: string): boolean => {
  const n = w.length
  if (n < 3) return false
  const last = w[n - 1] as string
  return (
    !isVowelAt(w, n - 1) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 3) && !'wxy'.includes(last)
  )
}

/** Replaces the first matching suffix when the remaining stem satisfies `when`. */
function replaceSuffix(
  w: string,
  rules: ReadonlyArray<readonly [string, string]>,
  when: (stem: string) => boolean,
): string {
  for (const [suffix, repl] of rules) {
    if (!w.endsWith(suffix)) continue
    const stem = w.slice(0, w.length - suffix.length)
    return when(stem) ? stem + repl : w
  }
  return w
}

function step1ab(w: string): string {
  if (w.endsWith('sses') || w.endsWith('ies')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w
  const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : ''
  if (!suffix) return w
  const stem = w.slice(0, -suffix.length)
  if (!hasVowel(stem)) return w
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1)
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`
  return stem
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
].sort((a, b) => b.length - a.length)

function step4(w: string): string {
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue
    const stem = w.slice(0, -suffix.length)
    if (measure(stem) <= 1) return w
    if (suffix === 'ion' && !/[st]$/.test(stem)) return w
    return stem
  }
  return w
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1)
    const m = measure(stem)
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem
  }
  return measure(w) > 1 && w.endsWith('ll') ? w.slice(0, -1) : w
}

/** Stems one lower-case word; words of two letters or fewer, and non-letters, pass unchanged. */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word
  let w = step1ab(word)
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`
  w = replaceSuffix(w, STEP2, (s) => measure(s) > 0)
  w = replaceSuffix(w, STEP3, (s) => measure(s) > 0)
  return step5(step4(w))
}
