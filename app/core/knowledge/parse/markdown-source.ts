import { parse as parseYaml } from 'yaml'

/** Front matter of a Jekyll/Hugo page; anything that is not a YAML mapping reads as empty. */
export type FrontMatter = Record<string, unknown>

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/

/** Splits YAML front matter off the body. Invalid YAML is still removed, never indexed. */
export function splitFrontMatter(text: string): { data: FrontMatter; body: string } {
  const match = text.match(FRONT_MATTER)
  if (!match) return { data: {}, body: text }
  let data: FrontMatter = {}
  try {
    const parsed: unknown = parseYaml(match[1] ?? '', { maxAliasCount: 50 })
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as FrontMatter
  } catch {
    // Malformed front matter is metadata we cannot use, not a reason to reject the article.
  }
  return { data, body: text.slice(match[0].length) }
}

/**
 * Removes template syntax that never reaches a reader: Liquid tags `{% %}` and output `{{ }}`,
 * Liquid comments with their content, and kramdown attribute lists (`{: .number-list}`,
 * `{:class="..."}`). A Jekyll include fed a front-matter list (`items=page.do_list`) renders
 * that list, so it is replaced by the list as bullets; its text lives nowhere else.
 */
export function stripTemplating(body: string, data: FrontMatter): string {
  return body
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
    .replace(/\{%-?\s*include\b([\s\S]*?)-?%\}/g, (_, args: string) => includedList(args, data))
    .replace(/\{%[\s\S]*?%\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, '')
    .replace(/\{:[^}\n]*\}/g, '')
}

function includedList(args: string, data: FrontMatter): string {
  const name = args.match(/\bitems\s*=\s*page\.([\w-]+)/)?.[1]
  const items = name ? data[name] : undefined
  if (!Array.isArray(items)) return ''
  const lines = items.filter((item) => typeof item === 'string').map((item) => `- ${item}`)
  return `\n\n${lines.join('\n')}\n\n`
}
