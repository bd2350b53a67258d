import type { Passage } from '../types.ts'

/**
 * Turns a stream of headings and text into passages: each run of text becomes a passage whose
 * `headingPath` lists the enclosing headings, outermost first. A heading closes every open
 * heading of the same or a deeper level. Blank text is dropped.
 */
export class SectionCollector {
  readonly passages: Passage[] = []
  #stack: { level: number; text: string }[] = []

  heading(level: number, text: string): void {
    const title = text.replace(/\s+/g, ' ').trim()
    if (!title) return
    while ((this.#stack.at(-1)?.level ?? 0) >= level) this.#stack.pop()
    this.#stack.push({ level, text: title })
  }

  text(text: string): void {
    const trimmed = text.trim()
    if (!trimmed) return
    const headingPath = this.#stack.map((h) => h.text)
    this.passages.push({ text: trimmed, location: headingPath.length > 0 ? { headingPath } : {} })
  }
}
