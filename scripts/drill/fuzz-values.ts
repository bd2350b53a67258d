import fc from 'fast-check'

/** Strings that have broken parsers before: empty, control, surrogates, traversal, SQL, huge. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000abc',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0644\u0627',
  '🤦🏼‍♂️',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '<script>alert(1)</script>',
  "'; DROP TABLE tickets; --",
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '0x10',
  '2026-02-30T25:61:00Z',
  'tkt_00000000-0000-0000-0000-000000000000',
  'api:',
  ':',
  'a:b:c',
  '__proto__',
  'constructor',
]

/** Any text: ASCII, full Unicode, lone surrogates, the nasty list, and huge strings. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  {
    arbitrary: fc.string({
      unit: fc.integer({ min: 0xd800, max: 0xdfff }).map(String.fromCharCode),
    }),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: hugeString(), weight: 1 },
)

export function hugeString(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('x', 'é', '字', '😀', 'a b '), fc.integer({ min: 2_000, max: 70_000 }))
    .map(([unit, count]) => unit.repeat(count))
}

/** Nested arrays or objects `depth` levels deep, as a value. */
export function deepValue(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'leaf'
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value }
  return value
}

/** Deep enough to break recursive code, shallow enough for JSON.stringify inside fast-check. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 50, max: 1_200 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => deepValue(depth, kind))

/** Far deeper nesting as raw JSON text (up to 60,000 levels), for the parsers themselves. */
const deepText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  )

/** A value of any JSON type, including the extremes a schema may forget. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: anyText, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      true,
      false,
      null,
      [],
      {},
    ),
    weight: 2,
  },
  { arbitrary: deepNesting, weight: 1 },
)

type Json = unknown

/** Every path into a JSON value (object keys and array indexes), the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix]
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) paths.push(...pathsOf(item, [...prefix, i]))
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]))
  }
  return paths
}

function valueAt(root: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((value, key) => (value as Record<string | number, Json>)?.[key], root)
}

function setAt(
  root: Json,
  path: (string | number)[],
  replace: (old: Json) => Json | undefined,
): Json {
  if (path.length === 0) return replace(root)
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    Json
  >
  const next = setAt(copy[head], rest, replace)
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1)
    else delete copy[head]
  } else copy[head] = next
  return copy
}

/**
 * A valid body with one thing wrong: a field replaced by any value, removed, an unknown field
 * added, or the whole wrapped in an array. Mutations of real payloads reach the deep mapping code
 * that random JSON never does.
 */
export function mutated(base: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(base)
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.nat(paths.length - 1), anyValue)
        .map(([i, value]) => setAt(base, paths[i] ?? [], () => value)),
    },
    {
      weight: 2,
      arbitrary: fc.nat(paths.length - 1).map((i) => setAt(base, paths[i] ?? [], () => undefined)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(anyText, anyValue)
        .map(([key, value]) =>
          base && typeof base === 'object' && !Array.isArray(base)
            ? { ...base, [key]: value }
            : base,
        ),
    },
    { weight: 1, arbitrary: fc.constant([base]) },
    { weight: 1, arbitrary: fc.constant(base) },
  )
}

const encoder = new TextEncoder()
const DEEP_MARK = '\u0000deep'

/**
 * A valid body with raw nesting too deep for JSON.stringify added inside one of its objects
 * (free-form fields such as `metadata` accept it, and deep input is where recursion breaks).
 */
function deepInside(bases: Json[]): fc.Arbitrary<Uint8Array> {
  const isObject = (v: Json) => Boolean(v) && typeof v === 'object' && !Array.isArray(v)
  return fc.tuple(fc.constantFrom(...bases), fc.nat(), deepText).map(([base, pick, deep]) => {
    const objects = pathsOf(base).filter((path) => isObject(valueAt(base, path)))
    const path = objects[pick % Math.max(objects.length, 1)] ?? []
    const marked = setAt(base, path, (old) => ({ ...(old as object), deep: DEEP_MARK }))
    return encoder.encode(JSON.stringify(marked).replace(JSON.stringify(DEEP_MARK), deep))
  })
}

/** Request bodies as bytes: mutated valid bodies, random JSON, broken JSON, non-UTF-8 bytes. */
export function anyBody(bases: Json[], maxBodyBytes: number): fc.Arbitrary<Uint8Array> {
  const json = (value: Json) => encoder.encode(JSON.stringify(value) ?? 'null')
  const fromBases = bases.length
    ? [
        {
          weight: 8,
          arbitrary: fc
            .constantFrom(...bases)
            .chain(mutated)
            .map(json),
        },
      ]
    : []
  return fc.oneof(
    ...fromBases,
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 1, arbitrary: deepNesting.map(json) },
    { weight: 1, arbitrary: deepText.map((text) => encoder.encode(text)) },
    ...(bases.length ? [{ weight: 2, arbitrary: deepInside(bases) }] : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...(bases.length ? bases : [{}])), fc.nat())
        .map(([base, cut]) => {
          const text = JSON.stringify(base) ?? ''
          return encoder.encode(text.slice(0, cut % Math.max(text.length, 1)))
        }),
    },
    { weight: 1, arbitrary: anyText.map((text) => encoder.encode(text)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(maxBodyBytes + 1).fill(0x20)) },
  )
}
