import type { ParsedDocument, Passage } from '../types.ts'
import { decodeUndeclared } from './decode.ts'
import { titleFromKey } from './names.ts'
import type { ParserInput } from './types.ts'

/**
 * Plain text: one passage per blank-line-separated block (the chunker merges blocks that share a
 * location back up to its budget). Title: the first line when it looks like one (short, no final
 * full stop), else the file name.
 */
export function parseText({ key, bytes }: ParserInput): ParsedDocument {
  const text = decodeUndeclared(bytes).replace(/\r\n?/g, '\n')
  const passages: Passage[] = text
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .replace(/[ \t]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim(),
    )
    .filter((block) => block.length > 0)
    .map((block) => ({ text: block, location: {} }))
  return { title: titleLine(passages) ?? titleFromKey(key), passages }
}

function titleLine(passages: Passage[]): string | undefined {
  const line = passages[0]?.text.split('\n', 1)[0]?.trim()
  if (!line || line.length > 120 || /[.!?,;:]$/.test(line)) return undefined
  return line
}
