import type { StackConfig } from '../config.ts'
import type { Assumptions } from './assumptions.ts'

/** Request counts derived from the stack's expected usage, shared by several services. */
export function traffic({ expectedUsage: u }: StackConfig) {
  const contextMisses = Math.round(u.contextReadsPerMonth * (1 - u.edgeCacheHitRatio))
  // kbQueriesPerMonth counts each ticket's own search (run inside the worker) plus agents'
  // `/kb/search` calls; only the latter reach the HTTP function.
  const agentKbSearches = Math.max(0, u.kbQueriesPerMonth - u.ticketsPerMonth)
  const originRequests = contextMisses + u.ticketsPerMonth + agentKbSearches + u.draftsPerMonth
  const edgeRequests =
    u.contextReadsPerMonth + u.ticketsPerMonth + agentKbSearches + u.draftsPerMonth
  return { contextMisses, agentKbSearches, originRequests, edgeRequests }
}

/**
 * Chunks the knowledge base holds: fixed-size chunking advances by max tokens × (1 − overlap),
 * and each document ends with a partial chunk.
 */
export function chunksPerDocument({ knowledgeBase: kb, expectedUsage: u }: StackConfig): number {
  if (u.averageDocumentTokens === 0) return 0
  const stride = kb.chunkMaxTokens * (1 - kb.chunkOverlapPercent / 100)
  return Math.ceil(u.averageDocumentTokens / stride)
}

/** Logical bytes of one stored vector: float32 values + chunk text + other metadata. */
export function vectorBytes(config: StackConfig, assume: Assumptions): number {
  const textBytes = config.knowledgeBase.chunkMaxTokens * assume.charsPerToken
  return config.knowledgeBase.embeddingDimensions * 4 + textBytes + assume.vectorMetadataBytes
}
