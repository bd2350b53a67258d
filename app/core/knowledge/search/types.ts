/** One retrievable chunk as the search engine sees it. */
export interface IndexedChunk {
  /** Unique across the index. */
  id: string
  /** The document the chunk belongs to; chunks sharing it are fused at document level. */
  documentKey: string
  title: string
  text: string
  /** Headings above the chunk, outermost first. */
  headingPath?: string[]
  metadata: Record<string, string>
}

export interface SearchHit {
  chunk: IndexedChunk
  /**
   * Calibrated relevance in 0..1 with the same meaning for every query and corpus:
   * above ~0.7 a confident match, below 0.5 the query is mostly about something the
   * corpus does not cover. See score.ts.
   */
  score: number
}

export interface SearchOptions {
  /** Default 3. */
  maxResults?: number
  /** Hits scoring below are dropped (default 0). */
  minScore?: number
  /** Only chunks for which it returns true are considered. */
  filter?: (chunk: IndexedChunk) => boolean
}

export interface SearchIndex {
  readonly size: number
  /** Hits sorted by score descending, ties by insertion order; [] for an empty query. */
  search(query: string, options?: SearchOptions): SearchHit[]
}
