import type { RetrievedChunk } from '../../ports/knowledge-base.ts'

/** The usual reciprocal-rank-fusion constant (Cormack et al. 2009). */
export const RRF_K = 60

/**
 * Which passage of one ranking is "the same" as a passage of the other. Bedrock and our own
 * chunker cut documents differently, so chunk ids never match across them: a passage is its
 * document, page and row (PDF pages and CSV rows are the same on both sides), and the n-th
 * passage of a document in one ranking is matched with the n-th in the other.
 */
function identities(ranking: RetrievedChunk[]): string[] {
  const seen = new Map<string, number>()
  return ranking.map((chunk) => {
    const place = `${chunk.documentKey}\u0000${chunk.location.page ?? ''}\u0000${chunk.location.row ?? ''}`
    const occurrence = seen.get(place) ?? 0
    seen.set(place, occurrence + 1)
    return `${place}\u0000${occurrence}`
  })
}

interface Fused {
  chunk: RetrievedChunk
  rrf: number
  score: number
}

/**
 * Reciprocal rank fusion of several rankings (best first): Σ 1/(k + rank) per passage, best
 * first. A passage's score is the best of its calibrated component scores (each already 0..1
 * with the port's meaning), capped by the score of the passage ranked above it, so the list
 * stays sorted by score as the port promises and `minScore` keeps its meaning. The passage
 * shown is the one from the first ranking that holds it.
 */
export function fuseRankings(rankings: RetrievedChunk[][], k = RRF_K): RetrievedChunk[] {
  const fused = new Map<string, Fused>()
  for (const ranking of rankings) {
    const ids = identities(ranking)
    ranking.forEach((chunk, index) => {
      const id = ids[index] ?? ''
      const contribution = 1 / (k + index + 1)
      const entry = fused.get(id)
      if (!entry) fused.set(id, { chunk, rrf: contribution, score: chunk.score })
      else {
        entry.rrf += contribution
        entry.score = Math.max(entry.score, chunk.score)
      }
    })
  }
  const ordered = [...fused.values()].sort((a, b) => b.rrf - a.rrf || b.score - a.score)
  let ceiling = 1
  return ordered.map(({ chunk, score }) => {
    ceiling = Math.min(ceiling, score)
    return { ...chunk, score: ceiling }
  })
}
