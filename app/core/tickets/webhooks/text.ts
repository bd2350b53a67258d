import { ElementType, parseDocument } from 'htmlparser2'

type ChildNode = ReturnType<typeof parseDocument>['children'][number]

/** Elements that start a new line in the plain-text rendering. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
])

/**
 * Plain text of an HTML fragment (Intercom, Freshdesk and Help Scout send HTML bodies): entities
 * decoded, scripts and styles dropped, blocks and `<br>` as line breaks, blank runs collapsed.
 */
export function htmlToText(html: string): string {
  const parts: string[] = []
  collect(parseDocument(html).children, parts)
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function collect(nodes: readonly ChildNode[], parts: string[]): void {
  for (const node of nodes) {
    if (node.type === ElementType.Text) parts.push(node.data.replace(/\s+/g, ' '))
    else if (node.type === ElementType.Tag) {
      if (node.name === 'br') {
        parts.push('\n')
        continue
      }
      const block = BLOCKS.has(node.name)
      if (block) parts.push('\n')
      collect(node.children, parts)
      if (block) parts.push('\n')
    }
  }
}

/** Strips markup only when the value contains some: plain text with a stray `<` stays as sent. */
export function plainText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  return /<\/?[a-z][^>]*>/i.test(value) ? htmlToText(value) : value.trim()
}
