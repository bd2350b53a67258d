/** Where a passage or chunk came from inside its document. */
export interface SourceLocation {
  /** Headings above the passage, outermost first (Markdown, HTML, DOCX). */
  headingPath?: string[]
  /** 1-based page number (PDF). */
  page?: number
  /** 1-based data row, not counting the header (CSV). */
  row?: number
}

/** A run of text that belongs together (a section, a page, a CSV row) before chunking. */
export interface Passage {
  text: string
  location: SourceLocation
}

export interface ParsedDocument {
  /** Human title: front matter / <title> / first heading / file name. */
  title: string
  passages: Passage[]
}

/** A piece of a document sized for retrieval. */
export interface Chunk {
  /** 0-based position of the chunk inside its document. */
  ordinal: number
  text: string
  tokenCount: number
  location: SourceLocation
}
