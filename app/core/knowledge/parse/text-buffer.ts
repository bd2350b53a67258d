/** Separators from weakest to strongest; a stronger pending break replaces a weaker one. */
export type Break = ' ' | ' | ' | '\n' | '\n\n'

const STRENGTH: Record<Break, number> = { ' ': 0, ' | ': 1, '\n': 2, '\n\n': 3 }

/**
 * Accumulates rendered text the way a browser lays it out: runs of whitespace collapse to one
 * space, block boundaries become line or paragraph breaks, and breaks never lead or trail.
 */
export class TextBuffer {
  #parts: string[] = []
  #pending: Break | undefined

  /** Appends text; whitespace collapses unless `preserve` (inside <pre>). */
  text(raw: string, { preserve = false }: { preserve?: boolean } = {}): void {
    if (preserve) {
      if (raw) this.#push(raw)
      return
    }
    const collapsed = raw.replace(/\s+/g, ' ')
    const word = collapsed.trim()
    if (collapsed.startsWith(' ')) this.break(' ')
    if (word) this.#push(word)
    if (word && collapsed.endsWith(' ')) this.break(' ')
  }

  break(kind: Break): void {
    if (this.#pending === undefined || STRENGTH[kind] > STRENGTH[this.#pending]) {
      this.#pending = kind
    }
  }

  /** Returns the text so far and empties the buffer. */
  take(): string {
    const text = this.#parts.join('')
    this.#parts = []
    this.#pending = undefined
    return text
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  }

  #push(text: string): void {
    if (this.#parts.length > 0 && this.#pending !== undefined) this.#parts.push(this.#pending)
    this.#pending = undefined
    this.#parts.push(text)
  }
}
