import { parse } from 'csv-parse/sync'
import type { ParsedDocument, Passage } from '../types.ts'
import { decodeUndeclared } from './decode.ts'
import { titleFromKey } from './names.ts'
import type { ParserInput } from './types.ts'

/**
 * CSV with a header row: each data row becomes one passage of `column: value` lines in column
 * order, empty values left out, `location.row` = 1-based data row. Rows that are entirely empty
 * are skipped but still counted, so `row` always matches the file.
 */
export function parseCsv({ key, bytes }: ParserInput): ParsedDocument {
  const records: string[][] = parse(decodeUndeclared(bytes), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  })
  const [header = [], ...rows] = records
  const columns = header.map((name, index) => name.trim() || `column ${index + 1}`)
  const kept = keptColumns(columns)
  const passages: Passage[] = []
  rows.forEach((row, index) => {
    const lines = kept
      .map((column) => ({ name: columns[column], value: row[column]?.trim() ?? '' }))
      .filter(({ value }) => value.length > 0)
      .map(({ name, value }) => `${name}: ${value}`)
    if (lines.length > 0) passages.push({ text: lines.join('\n'), location: { row: index + 1 } })
  })
  return { title: titleFromKey(key), passages }
}

/**
 * Indexes of the columns worth reading. The one generic rule: a column named `<name>_html`
 * (any case) is dropped when a plain `<name>` column exists, because it repeats that column's
 * text with markup (e.g. `answer_html` beside `answer`). Unnamed columns are called `column <n>`.
 */
function keptColumns(columns: string[]): number[] {
  const names = new Set(columns.map((c) => c.toLowerCase()))
  return columns.flatMap((column, index) => {
    const plain = column.toLowerCase().match(/^(.+)_html$/)?.[1]
    return plain && names.has(plain) ? [] : [index]
  })
}
