import { z } from '@hono/zod-openapi'
import { SYNC_TRIGGERS } from '../../ports/knowledge-base.ts'

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat())

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(2_000)
    .openapi({ example: 'how do I reset my password' }),
  max_results: z.coerce.number().int().min(1).max(50).default(3),
  min_score: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({ description: 'default KB_MIN_SCORE (0.5)' }),
  prefix: z
    .string()
    .max(1_024)
    .optional()
    .openapi({ description: 'only documents under this key prefix' }),
  filter: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(asList)
    .pipe(z.array(z.string().regex(/^[^=]{1,128}=.{0,512}$/, 'must be key=value')).max(10))
    .openapi({
      description: 'metadata key=value, repeatable (all must match)',
      example: 'category=billing',
    }),
})

export const RetrievedChunkSchema = z
  .object({
    chunk_id: z.string(),
    score: z.number().min(0).max(1),
    text: z.string(),
    document_key: z.string(),
    title: z.string(),
    location: z.object({
      heading_path: z.array(z.string()).optional(),
      page: z.number().int().optional(),
      row: z.number().int().optional(),
    }),
    metadata: z.record(z.string(), z.string()),
  })
  .openapi('RetrievedChunk')

export const SearchResultSchema = z
  .object({ query: z.string(), results: z.array(RetrievedChunkSchema) })
  .openapi('SearchResult')

const Counts = z.object({
  scanned: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  chunks: z.number().int(),
})

export const SyncRecordSchema = z
  .object({
    job_id: z.string(),
    trigger: z.enum(SYNC_TRIGGERS),
    status: z.enum(['QUEUED', 'IN_PROGRESS', 'SUCCEEDED', 'PARTIAL', 'FAILED']),
    requested_at: z.string().datetime(),
    started_at: z.string().datetime().nullable(),
    finished_at: z.string().datetime().nullable(),
    counts: Counts,
    failures: z.array(z.object({ document_key: z.string(), reason: z.string() })),
    error: z.string().nullable(),
  })
  .openapi('SyncRecord')

export const StartedSyncSchema = z
  .object({ job_id: z.string(), status: z.enum(['QUEUED']), coalesced: z.boolean() })
  .openapi('StartedSync')

export const JobIdParam = z.object({
  job_id: z
    .string()
    .regex(/^sync-[0-9a-f-]{36}$/, 'must be a sync job id (sync-<uuid>)')
    .openapi({ param: { name: 'job_id', in: 'path' } }),
})

export const ListSyncsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
