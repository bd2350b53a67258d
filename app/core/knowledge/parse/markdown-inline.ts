import { DomUtils, parseDocument } from 'htmlparser2'
import { type DomNode, isElement, isText } from './dom.ts'

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg', 'iframe', 'select'])
const BLOCKS = /^(?:p|div|section|article|aside|ul|ol|li|dl|dt|dd|table|tr|blockquote|pre|br|hr)$/

/**
 * Swaps code (fenced blocks and inline spans) for private-use placeholders so that HTML and
 * Markdown clean-up never touch it; `restore` puts the code back, fences and backticks removed.
 */
export function protectCode(markdown: string): { text: string; restore: (s: string) => string } {
  const saved: string[] = []
  const hold = (code: string) => `\uE000${saved.push(code) - 1}\uE001`
  const text = markdown
    .replace(
      /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm,
      (...m) => hold(String(m[2]).replace(/^\n+|\n+$/g, '')),
    )
    .replace(/(`+)(?!`)([^\n]*?[^`\n])\1(?!`)/g, (_, _t, code: string) => hold(code.trim()))
  const restore = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_, i) => saved[Number(i)] ?? '')
  return { text, restore }
}

/**
 * Renders raw HTML inside Markdown as text: tags dropped, entities decoded, block elements on
 * their own lines, and HTML headings turned into ATX headings so they still split sections.
 * Autolinks (`<https://...>`, `<name@example.com>`) are unwrapped first so they survive.
 */
export function stripHtml(markdown: string): string {
  const text = markdown
    .replace(/<((?:https?|ftp|mailto):[^\s<>]+)>/gi, '$1')
    .replace(/<([^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,})>/g, '$1')
  if (!/<[A-Za-z!/?]|&[#\w]+;/.test(text)) return text
  const out: string[] = []
  render(parseDocument(text, { decodeEntities: true }).children, out)
  return out.join('')
}

function render(nodes: DomNode[], out: string[]): void {
  for (const node of nodes) {
    if (isText(node)) out.push(node.data)
    if (!isElement(node) || SKIPPED.has(node.name)) continue
    const heading = node.name.match(/^h([1-6])$/)?.[1]
    if (heading) {
      const title = DomUtils.textContent(node).replace(/\s+/g, ' ').trim()
      out.push(`\n\n${'#'.repeat(Number(heading))} ${title}\n\n`)
      continue
    }
    const block = BLOCKS.test(node.name)
    if (block) out.push('\n')
    render(node.children, out)
    if (block) out.push('\n')
  }
}

/** One line of Markdown as plain text: links and images down to their text, emphasis removed. */
export function cleanInline(line: string): string {
  return line
    .trim()
    .replace(/^(?:>\s?)+/, '')
    .replace(/^[*+]\s+/, '- ')
    .replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/!?\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim()
}
