import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { AppError } from '../../core/errors.ts'
import { summariseFeedback } from '../../core/tickets/feedback.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { presentChunk, presentSync } from '../presenters/knowledge.ts'
import { errorResponses, jsonResponse } from '../schemas/common.ts'
import {
  JobIdParam,
  ListSyncsQuery,
  SearchQuery,
  SearchResultSchema,
  StartedSyncSchema,
  SyncRecordSchema,
} from '../schemas/knowledge.ts'
import { FeedbackSummarySchema } from '../schemas/ticket.ts'
import { validationHook } from '../validation.ts'

const startSync = createRoute({
  method: 'post',
  path: '/sync',
  tags: ['knowledge base'],
  summary: 'Start an incremental sync of the documents (202 with the job id)',
  description:
    'One sync runs at a time; a request during a run queues one follow-up, and further requests join it (`coalesced: true`).',
  responses: { 202: jsonResponse(StartedSyncSchema, 'Sync accepted') },
})

const getSync = createRoute({
  method: 'get',
  path: '/sync/{job_id}',
  tags: ['knowledge base'],
  summary: "A sync's audit record",
  request: { params: JobIdParam },
  responses: {
    200: jsonResponse(SyncRecordSchema, 'The audit record'),
    ...errorResponses(400, 404),
  },
})

const listSyncs = createRoute({
  method: 'get',
  path: '/syncs',
  tags: ['knowledge base'],
  summary: 'Recent syncs, newest first',
  request: { query: ListSyncsQuery },
  responses: {
    200: jsonResponse(SyncRecordSchema.array(), 'Recent syncs'),
    ...errorResponses(400),
  },
})

const search = createRoute({
  method: 'get',
  path: '/search',
  tags: ['knowledge base'],
  summary: 'Retrieve the passages that best answer a query',
  request: { query: SearchQuery },
  responses: {
    200: jsonResponse(SearchResultSchema, 'Passages, best first'),
    ...errorResponses(400, 401, 429, 503),
  },
})

const feedbackSummary = createRoute({
  method: 'get',
  path: '/feedback/summary',
  tags: ['knowledge base'],
  summary: 'Per document, how often agents found its suggestions helpful',
  request: { query: ListSyncsQuery },
  responses: {
    200: jsonResponse(FeedbackSummarySchema, 'Documents with feedback, most rated first'),
    ...errorResponses(400),
  },
})

export const knowledgeRoutes = (deps: Deps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(startSync, async (c) => {
      const started = await deps.knowledgeBase.startSync('manual')
      return c.json(
        { job_id: started.jobId, status: 'QUEUED' as const, coalesced: started.coalesced },
        202,
      )
    })
    .openapi(getSync, async (c) => {
      const record = await deps.knowledgeBase.getSync(c.req.valid('param').job_id)
      if (!record) throw new AppError('not_found', 'No sync with this job id')
      return c.json(presentSync(record), 200)
    })
    .openapi(listSyncs, async (c) => {
      const records = await deps.knowledgeBase.listSyncs(c.req.valid('query').limit)
      return c.json(records.map(presentSync), 200)
    })
    .openapi(feedbackSummary, async (c) => {
      return c.json(await summariseFeedback(deps.db, c.req.valid('query').limit), 200)
    })
    .openapi(search, async (c) => {
      const { q, max_results, min_score, prefix, filter } = c.req.valid('query')
      const metadata = Object.fromEntries(filter.map((pair) => pair.split(/=(.*)/s).slice(0, 2)))
      // Behind the same retries and circuit breaker as ticket suggestions: a failing knowledge
      // base answers 503 (and stops being called while the breaker is open), never a 500.
      const chunks = await deps.ticketContext.guards.knowledgeBase
        .run(() =>
          deps.knowledgeBase.retrieve(q, {
            maxResults: max_results,
            minScore: min_score ?? deps.config.KB_MIN_SCORE,
            filters: { prefix, metadata },
          }),
        )
        .catch((error) => {
          if (error instanceof AppError) throw error
          c.get('logger').warn('knowledge base search failed', { error })
          throw new AppError('upstream_unavailable', 'The knowledge base is unavailable; retry')
        })
      return c.json({ query: q, results: chunks.map(presentChunk) }, 200)
    })
