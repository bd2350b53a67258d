import { DomUtils, parseDocument } from 'htmlparser2'
import type { ParsedDocument } from '../types.ts'
import { type DomElement, type DomNode, isElement, isText } from './dom.ts'
import { SectionCollector } from './sections.ts'
import { type Break, TextBuffer } from './text-buffer.ts'

/** Never content: code, styling, page navigation, embedded media, form widgets. */
const DROPPED = new Set([
  ...['script', 'style', 'noscript', 'template', 'head', 'nav', 'svg', 'canvas', 'iframe'],
  ...['object', 'embed', 'select', 'textarea', 'dialog'],
])
/** Page chrome, except inside <article> where a header holds the article's own title. */
const CHROME = new Set(['header', 'footer'])
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search'])
/**
 * Ids and class names that mark site chrome in pages without HTML5 landmarks (e.g. the Apache
 * manual's `page-header`, `footer`, `menu`, and its `toplang`/`bottomlang` language switchers).
 * Whole-token matches only, so `no-sidebar` or `menu-item-text` are kept.
 */
const CHROME_NAME =
  /^(?:(?:page|site|global|top|bottom)[-_]?)?(?:header|footer|nav|navbar|navigation|menu|breadcrumbs?|sidebar|skip[-_]?(?:link|nav)|cookie[-_]?(?:banner|notice)|lang|language[-_]?(?:switcher|selector))$/i
const PARAGRAPHS = new Set([
  ...['p', 'div', 'section', 'article', 'main', 'aside', 'blockquote', 'pre', 'figure'],
  ...['figcaption', 'address', 'form', 'fieldset', 'details', 'summary', 'ul', 'ol', 'dl'],
  ...['table', 'caption', 'hr', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
])
const LINES = new Set(['li', 'dt', 'dd', 'tr', 'br'])

interface Walk {
  buffer: TextBuffer
  sections: SectionCollector
  firstH1?: string
  pre: number
  cell: number
  article: number
}

/**
 * Splits an HTML page into passages, one per section (text under a heading), with entities
 * decoded and whitespace collapsed to single spaces, line breaks (list items, table rows, <br>)
 * and paragraph breaks. Headings inside table cells are formatting, not structure (Word tables
 * styled as headings), so they stay in the text.
 */
export function htmlToDocument(
  html: string,
  { fallbackTitle }: { fallbackTitle: string },
): ParsedDocument {
  const dom = parseDocument(html, { decodeEntities: true })
  const walk: Walk = {
    buffer: new TextBuffer(),
    sections: new SectionCollector(),
    pre: 0,
    cell: 0,
    article: 0,
  }
  const titleElement = DomUtils.findOne((el) => el.name.toLowerCase() === 'title', dom.children)
  const title = titleElement ? collapse(DomUtils.textContent(titleElement)) : ''
  visit(dom.children, walk)
  walk.sections.text(walk.buffer.take())
  return { title: title || walk.firstH1 || fallbackTitle, passages: walk.sections.passages }
}

function visit(nodes: DomNode[], walk: Walk): void {
  for (const node of nodes) {
    if (isText(node)) walk.buffer.text(node.data, { preserve: walk.pre > 0 })
    else if (isElement(node)) visitElement(node, walk)
  }
}

function visitElement(el: DomElement, walk: Walk): void {
  const name = el.name.toLowerCase()
  if (isChrome(el, name, walk)) return
  const level = /^h[1-6]$/.test(name) && walk.cell === 0 ? Number(name[1]) : 0
  if (level > 0) {
    visitHeading(el, level, walk)
    return
  }
  const cell = name === 'td' || name === 'th'
  const kind: Break | undefined = cell
    ? ' | '
    : PARAGRAPHS.has(name)
      ? '\n\n'
      : LINES.has(name)
        ? '\n'
        : undefined
  const edge = kind && walk.cell > 0 && !cell ? ' ' : kind
  if (edge) walk.buffer.break(edge)
  const counters = { pre: name === 'pre', cell, article: name === 'article' }
  adjust(walk, counters, 1)
  visit(el.children, walk)
  adjust(walk, counters, -1)
  if (edge) walk.buffer.break(cell ? ' ' : edge)
}

function visitHeading(el: DomElement, level: number, walk: Walk): void {
  walk.sections.text(walk.buffer.take())
  const outer = walk.buffer
  walk.buffer = new TextBuffer()
  visit(el.children, walk)
  const text = collapse(walk.buffer.take())
  walk.buffer = outer
  walk.sections.heading(level, text)
  if (level === 1 && text && !walk.firstH1) walk.firstH1 = text
}

function adjust(walk: Walk, on: { pre: boolean; cell: boolean; article: boolean }, by: number) {
  if (on.pre) walk.pre += by
  if (on.cell) walk.cell += by
  if (on.article) walk.article += by
}

function isChrome(el: DomElement, name: string, walk: Walk): boolean {
  if (DROPPED.has(name) || (CHROME.has(name) && walk.article === 0)) return true
  const attribs = el.attribs
  if (CHROME_ROLES.has(attribs.role?.toLowerCase() ?? '')) return true
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return true
  const names = [attribs.id ?? '', ...(attribs.class ?? '').split(/\s+/)]
  return names.some((n) => CHROME_NAME.test(n))
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
