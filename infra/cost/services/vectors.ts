import { KB_PER_GB, line, MILLION, type ServiceLines } from '../line-item.ts'
import { chunksPerDocument, vectorBytes } from '../usage.ts'

function vectorVolume({ config, assume }: Parameters<ServiceLines>[0]) {
  const u = config.expectedUsage
  const perDocument = chunksPerDocument(config)
  const bytes = vectorBytes(config, assume)
  const gb = (u.documents * perDocument * bytes) / (KB_PER_GB * 1024)
  const describe = `${u.documents} documents × ${perDocument} chunks (${u.averageDocumentTokens} tokens / ${config.knowledgeBase.chunkMaxTokens} with ${config.knowledgeBase.chunkOverlapPercent}% overlap) × ${(bytes / 1024).toFixed(1)} KB (${config.knowledgeBase.embeddingDimensions}-dim float32 + text + metadata)`
  return { perDocument, bytes, gb, describe }
}

/** S3 Vectors: storage, PUTs of re-embedded documents, and queries. No always-on floor. */
const s3VectorsLines: ServiceLines = (ctx) => {
  const u = ctx.config.expectedUsage
  const p = ctx.prices.prices
  const v = vectorVolume(ctx)
  // One PUT per document's chunks; each PUT bills at least 128 KB (reported minimum).
  const putKb = Math.max(128, (v.perDocument * v.bytes) / 1024)
  return [
    line('S3 Vectors', 'Vector storage', v.gb, p.s3VectorsStorage, `${v.describe}.`),
    line(
      'S3 Vectors',
      'PUT (re-embedded documents)',
      (u.documentChangesPerMonth * putKb) / KB_PER_GB,
      p.s3VectorsPut,
      `One PUT per changed document, billed at least 128 KB each.`,
    ),
    line(
      'S3 Vectors',
      'Query requests',
      u.kbQueriesPerMonth / MILLION,
      p.s3VectorsQueries,
      `One QueryVectors per KB search. Query data processed (per TB) is NOT FOUND in the price file: counted as $0. At ${(v.gb * 1024).toFixed(1)} MB of vectors it is small (AWS's example: 10M vectors, 1M queries ≈ $11.38 in all).`,
    ),
  ]
}

/** OpenSearch Serverless: the always-on OCU floor (doubled by standby replicas) and storage. */
const openSearchLines: ServiceLines = (ctx) => {
  const kb = ctx.config.knowledgeBase
  const p = ctx.prices.prices
  const v = vectorVolume(ctx)
  const ocus = kb.openSearchStandbyReplicas ? 2 : 1
  return [
    line(
      'OpenSearch Serverless',
      `OCU floor (${ocus} OCU, always on)`,
      ocus * ctx.assume.hoursPerMonth,
      p.openSearchOcu,
      `0.5 indexing + 0.5 search OCU${kb.openSearchStandbyReplicas ? ', × 2 with standby replicas' : ' (no standby replicas)'}, ${ctx.assume.hoursPerMonth} h; the minimum: heavy ingestion or search scales up.`,
    ),
    line('OpenSearch Serverless', 'Managed storage', v.gb, p.openSearchStorage, `${v.describe}.`),
  ]
}

export const vectorStoreLines: ServiceLines = (ctx) =>
  ctx.config.knowledgeBase.vectorStore === 'opensearch-serverless'
    ? openSearchLines(ctx)
    : s3VectorsLines(ctx)
