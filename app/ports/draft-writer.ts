import type { RetrievalFilters } from './knowledge-base.ts'

export interface DraftRequest {
  subject: string
  description: string
  filters?: RetrievalFilters
}

/** A passage the draft rests on. */
export interface DraftCitation {
  documentKey: string
  chunkId: string
  text: string
}

export interface Draft {
  /** A reply an agent edits before sending; never sent as is. */
  text: string
  /** The passages it rests on, each once, in the order the draft uses them. */
  citations: DraftCitation[]
  /** Who wrote it: a model over the knowledge base, or sentences lifted from its passages. */
  generator: 'bedrock' | 'extractive'
}

/** Drafts a reply to a ticket from the knowledge base. Off unless configured. */
export interface DraftWriter {
  /** Resolves a draft even when nothing relevant is found (then without citations). */
  draft(request: DraftRequest): Promise<Draft>
}
