import type {
  KnowledgeBaseRetrievalResult,
  RetrievalFilter,
  RetrievedReference,
} from '@aws-sdk/client-bedrock-agent-runtime'
import type { RetrievalFilters, RetrievedChunk } from '../../ports/knowledge-base.ts'

/** Bedrock's own metadata keys (never passed on as document metadata). */
export const SOURCE_URI_KEY = 'x-amz-bedrock-kb-source-uri'
export const CHUNK_ID_KEY = 'x-amz-bedrock-kb-chunk-id'
export const PAGE_NUMBER_KEY = 'x-amz-bedrock-kb-document-page-number'
const BEDROCK_KEY_PREFIX = 'x-amz-bedrock-'

/**
 * Where the data source's documents live, as the base of their S3 URIs: `s3://bucket/kb/`.
 * Document keys are the URIs relative to it, like the S3 document store's keys.
 */
export function createUriMapper(bucketPrefix = '') {
  const base = bucketPrefix && !bucketPrefix.endsWith('/') ? `${bucketPrefix}/` : bucketPrefix
  return {
    base,
    toKey(uri: string): string {
      if (base && uri.startsWith(base)) return uri.slice(base.length)
      // Outside the configured base (or none configured): the path after the bucket.
      const match = /^s3:\/\/[^/]+\/(.*)$/.exec(uri)
      return match?.[1] ?? uri
    },
    toUri: (key: string) => base + key,
  }
}
export type UriMapper = ReturnType<typeof createUriMapper>

/**
 * Our filters as one Bedrock filter: prefix → `startsWith` on the source URI, each metadata
 * pair → `equals`, several → `andAll` (which needs at least two members). Undefined when none.
 */
export function toBedrockFilter(
  filters: RetrievalFilters | undefined,
  uris: UriMapper,
): RetrievalFilter | undefined {
  const parts: RetrievalFilter[] = []
  if (filters?.prefix) {
    if (!uris.base) throw new Error('a prefix filter needs the bucketPrefix (s3://bucket/prefix)')
    parts.push({ startsWith: { key: SOURCE_URI_KEY, value: uris.toUri(filters.prefix) } })
  }
  for (const [key, value] of Object.entries(filters?.metadata ?? {}))
    parts.push({ equals: { key, value } })
  if (parts.length <= 1) return parts[0]
  return { andAll: parts }
}

/** Bedrock's relevance score as our 0..1 (clamped; rounded like the local index). */
export const toScore = (score: number | undefined) =>
  Math.round(Math.min(1, Math.max(0, score ?? 0)) * 10_000) / 10_000

/** A Retrieve result (or a RetrieveAndGenerate reference) as our chunk; `index` names it when Bedrock does not. */
export function toChunk(
  result: KnowledgeBaseRetrievalResult | RetrievedReference,
  index: number,
  uris: UriMapper,
): RetrievedChunk {
  const attributes = result.metadata ?? {}
  const uri = result.location?.s3Location?.uri ?? stringOf(attributes[SOURCE_URI_KEY]) ?? ''
  const documentKey = uris.toKey(uri)
  const page = attributes[PAGE_NUMBER_KEY]
  return {
    chunkId: stringOf(attributes[CHUNK_ID_KEY]) ?? `${documentKey}#${index}`,
    text: result.content?.text ?? '',
    score: toScore('score' in result ? result.score : undefined),
    documentKey,
    title: stringOf(attributes.title) ?? documentKey.split('/').pop() ?? documentKey,
    location: typeof page === 'number' ? { page } : {},
    metadata: Object.fromEntries(
      Object.entries(attributes).filter(
        (entry): entry is [string, string] =>
          !entry[0].startsWith(BEDROCK_KEY_PREFIX) && typeof entry[1] === 'string',
      ),
    ),
  }
}

const stringOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
