import { line, MILLION, type ServiceLines } from '../line-item.ts'
import type { PriceTable } from '../prices.ts'

function modelPrices(prices: PriceTable, modelId: string) {
  const model = prices.bedrockModels[modelId]
  if (!model) {
    throw new Error(
      `No price for Bedrock model ${modelId} in infra/cost/prices.ts: add it from aws-prices.md`,
    )
  }
  return model
}

/**
 * Bedrock: the embedding model bills ingestion (changed documents, overlap included) and every
 * query; the draft model bills input and output tokens. Knowledge Bases add no fee of their own.
 */
export const bedrockLines: ServiceLines = ({ config, prices }) => {
  const kb = config.knowledgeBase
  const u = config.expectedUsage
  const embed = modelPrices(prices, kb.embeddingModelId).input
  const ingestionTokens =
    u.documentChangesPerMonth * u.averageDocumentTokens * (1 + kb.chunkOverlapPercent / 100)
  const queryTokens = u.kbQueriesPerMonth * u.averageQueryTokens
  const lines = [
    line(
      'Bedrock',
      'Embeddings: ingestion',
      ingestionTokens / MILLION,
      embed,
      `${kb.embeddingModelId}: ${u.documentChangesPerMonth} changed documents × ${u.averageDocumentTokens} tokens + ${kb.chunkOverlapPercent}% overlap. London availability of Titan v2 not confirmed.`,
    ),
    line(
      'Bedrock',
      'Embeddings: queries',
      queryTokens / MILLION,
      embed,
      `${u.kbQueriesPerMonth.toLocaleString('en-US')} searches × ${u.averageQueryTokens} tokens.`,
    ),
  ]
  if (!kb.draftModelId || u.draftsPerMonth === 0) {
    const why = kb.draftModelId ? 'no drafts expected' : 'drafts are off (no draftModelId)'
    const zero = {
      usd: 0,
      unit: '1M tokens',
      region: 'global',
      source: 'not priced: no drafts',
      date: prices.asOf,
      confidence: 'high',
    } as const
    return [...lines, line('Bedrock', 'Draft generation', 0, zero, `None: ${why}.`)]
  }
  const draft = modelPrices(prices, kb.draftModelId)
  if (!draft.output) throw new Error(`Bedrock model ${kb.draftModelId} has no output price`)
  return [
    ...lines,
    line(
      'Bedrock',
      'Draft generation: input tokens',
      (u.draftsPerMonth * u.draftInputTokens) / MILLION,
      draft.input,
      `${kb.draftModelId}: ${u.draftsPerMonth.toLocaleString('en-US')} drafts × ${u.draftInputTokens} tokens, no prompt caching.`,
    ),
    line(
      'Bedrock',
      'Draft generation: output tokens',
      (u.draftsPerMonth * u.draftOutputTokens) / MILLION,
      draft.output,
      `${u.draftsPerMonth.toLocaleString('en-US')} drafts × ${u.draftOutputTokens} tokens.`,
    ),
  ]
}
