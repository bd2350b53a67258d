import { randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import {
  type BedrockAgentClient,
  type IngestionJob,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent'
import { emptyCounts } from '../../core/knowledge/sync-outcome.ts'
import type { StartedSync, SyncRecord, SyncTrigger } from '../../ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'
import { applyIngestionJob } from './bedrock-jobs.ts'

export interface IngestionOptions {
  knowledgeBaseId: string
  dataSourceId: string
  agent: BedrockAgentClient
  audit: SyncAuditTrail
  /** Requests within this long of the first share its job (default 1 s). */
  coalesceWindowMs: number
  /** First wait after a ConflictException; doubles per attempt up to 16× (default 30 s). */
  retryDelayMs: number
  /** Attempts before the job is recorded FAILED (default 20). */
  maxAttempts: number
  now: () => Date
  /** An S3 URI in a failure reason as our document key. */
  toKey: (uri: string) => string
  onError: (error: unknown) => void
}

interface PendingJob {
  record: SyncRecord
  attempts: number
  /** Between a conflict and the next attempt (its backoff timer is running). */
  waiting?: boolean
}

/** How many recent records are searched for a QUEUED job that a stopped process left behind. */
const ORPHAN_SCAN = 10

const conflictNote = (delayMs: number) =>
  `waiting: another ingestion job is running on this data source (ConflictException); retrying in ${Math.round(delayMs / 1000)} s`

/**
 * Starts Bedrock ingestion jobs, one per burst of requests: the first request makes a QUEUED
 * record and starts the job after `coalesceWindowMs`; requests until it starts (including while
 * Bedrock refuses it because a job is already running) join it. Bedrock runs one job per data
 * source, so a ConflictException leaves the record QUEUED with a note and retries with backoff.
 * A QUEUED record that no process is starting any more (a Lambda that was recycled while
 * waiting) is adopted by the next request instead of left waiting forever; each attempt first
 * re-reads its record, so the process that lost it (frozen, then thawed) lets it be.
 */
export function createIngestionScheduler(options: IngestionOptions) {
  let pending: Promise<PendingJob> | null = null
  let current: PendingJob | null = null
  let attempt: Promise<void> = Promise.resolve()
  let waitingTimer: AbortController | null = null

  function schedule(job: PendingJob, delayMs: number) {
    // Unreferenced: a timer never holds a process open; who must see the job offered awaits flush().
    const timer = new AbortController()
    waitingTimer = timer
    attempt = delay(delayMs, undefined, { ref: false, signal: timer.signal })
      .then(() => launch(job))
      .catch((error) => {
        if (!timer.signal.aborted) options.onError(error)
      })
  }

  /** Starts the scheduled attempt now instead of at the end of its wait. */
  function launchNow(job: PendingJob) {
    waitingTimer?.abort()
    waitingTimer = null
    attempt = launch(job).catch(options.onError)
  }

  function release(job: PendingJob) {
    if (current !== job) return
    current = null
    pending = null
  }

  async function launch(job: PendingJob): Promise<void> {
    job.waiting = false
    if (await takenUpElsewhere(job.record)) return release(job)
    job.attempts++
    try {
      const { ingestionJob } = await options.agent.send(
        new StartIngestionJobCommand({
          knowledgeBaseId: options.knowledgeBaseId,
          dataSourceId: options.dataSourceId,
          // Idempotent per job and attempt: an SDK retry, or two processes starting the same
          // adopted record, cannot start a second job.
          clientToken: `${job.record.jobId}-a${job.attempts}`,
          description: `${job.record.trigger} sync ${job.record.jobId}`,
        }),
      )
      release(job)
      await started(job.record, ingestionJob)
    } catch (error) {
      await refused(job, error)
    }
  }

  /**
   * Whether another process has taken this record further since this one last wrote it: a
   * frozen Lambda container thawing after the scheduled resume adopted its waiting job elsewhere
   * must neither start a second ingestion job nor write its stale copy over the record. An
   * unreadable record is reported and the attempt goes ahead, as it would have without the check.
   */
  async function takenUpElsewhere(record: SyncRecord): Promise<boolean> {
    try {
      const stored = await options.audit.get(record.jobId)
      return stored !== null && (stored.status !== 'QUEUED' || Boolean(stored.externalJobId))
    } catch (error) {
      options.onError(error)
      return false
    }
  }

  async function started(record: SyncRecord, job: IngestionJob | undefined) {
    record.externalJobId = job?.ingestionJobId
    record.startedAt = job?.startedAt ?? options.now()
    record.error = null
    await options.audit.save(
      applyIngestionJob({ ...record, status: 'IN_PROGRESS' }, job, options.toKey),
    )
  }

  async function refused(job: PendingJob, error: unknown) {
    const conflict = (error as { name?: string }).name === 'ConflictException'
    if (conflict && job.attempts < options.maxAttempts) {
      const delayMs = options.retryDelayMs * 2 ** Math.min(job.attempts - 1, 4)
      job.record.error = conflictNote(delayMs)
      await options.audit.save({ ...job.record })
      job.waiting = true
      schedule(job, delayMs)
      return
    }
    release(job)
    const reason = error instanceof Error ? error.message : String(error)
    Object.assign(job.record, { status: 'FAILED', finishedAt: options.now(), error: reason })
    await options.audit.save({ ...job.record })
  }

  /** The orphaned QUEUED record if there is one, else a new one; its start is scheduled. */
  async function open(trigger: SyncTrigger): Promise<PendingJob & { adopted: boolean }> {
    const recent = await options.audit.list(ORPHAN_SCAN)
    const orphan = recent.find((r) => r.status === 'QUEUED' && !r.externalJobId)
    const record = orphan ?? newRecord(trigger, options.now())
    if (!orphan) await options.audit.save({ ...record })
    const job = { record, attempts: 0, adopted: Boolean(orphan) }
    current = job
    schedule(job, options.coalesceWindowMs)
    return job
  }

  const scheduler = {
    // Decides synchronously (no await before `pending` is set): one burst, one job.
    async request(trigger: SyncTrigger): Promise<StartedSync> {
      if (pending) {
        const job = await pending
        return { jobId: job.record.jobId, status: 'QUEUED', coalesced: true }
      }
      const opening = open(trigger)
      pending = opening
      opening.catch(() => {
        if (pending === opening) pending = null
      })
      const job = await opening
      return { jobId: job.record.jobId, status: 'QUEUED', coalesced: job.adopted }
    },
    /**
     * Takes up a QUEUED record no process is starting any more (a job that met a
     * ConflictException in a Lambda container that was then frozen or recycled): the scheduled
     * invocation of the sync handler calls it, so such a job is retried without a new upload.
     * Resolves null when nothing waits.
     */
    async resumeWaiting(): Promise<StartedSync | null> {
      // This process's own job, waiting out its backoff after a conflict: try it now.
      if (current?.waiting) {
        launchNow(current)
        return { jobId: current.record.jobId, status: 'QUEUED', coalesced: true }
      }
      if (pending) return scheduler.request('schedule')
      const recent = await options.audit.list(ORPHAN_SCAN)
      const waiting = recent.find((r) => r.status === 'QUEUED' && !r.externalJobId)
      return waiting ? scheduler.request(waiting.trigger) : null
    },
    /**
     * Resolves once the job asked for so far has been offered to Bedrock (started, waiting on a
     * conflict, or failed). A Lambda handler awaits it: a frozen sandbox runs no timers.
     */
    async flush(): Promise<void> {
      await pending?.catch(() => {})
      await attempt
    },
  }
  return scheduler
}

function newRecord(trigger: SyncTrigger, now: Date): SyncRecord {
  return {
    jobId: `sync-${randomUUID()}`,
    trigger,
    status: 'QUEUED',
    requestedAt: now,
    startedAt: null,
    finishedAt: null,
    counts: emptyCounts(),
    failures: [],
    error: null,
  }
}
