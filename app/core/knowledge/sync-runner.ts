import { randomUUID } from 'node:crypto'
import type { Logger } from '../../observability/logger.ts'
import type { StartedSync, SyncRecord, SyncTrigger } from '../../ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../ports/sync-audit.ts'
import { emptyCounts, type SyncOutcome } from './sync-outcome.ts'

export interface SyncRunner {
  request(trigger: SyncTrigger): Promise<StartedSync>
  /** Resolves once nothing is running or queued (shutdown, tests). */
  idle(): Promise<void>
}

/**
 * Runs one sync at a time. A request while one runs queues a follow-up; further requests join
 * that follow-up (coalesced), so a burst of file changes costs one extra run, not one each.
 * Every job's record is saved when requested, when it starts, and when it ends.
 */
export function createSyncRunner(deps: {
  audit: SyncAuditTrail
  run: () => Promise<SyncOutcome>
  logger: Logger
}): SyncRunner {
  // A job is its record plus the save of its QUEUED state, which must land before it starts.
  type Job = { record: SyncRecord; saved: Promise<void> }
  let running: Promise<void> | null = null
  let queued: Job | null = null

  async function execute(record: SyncRecord): Promise<void> {
    Object.assign(record, { status: 'IN_PROGRESS', startedAt: new Date() })
    await deps.audit.save(record)
    try {
      const { counts, failures } = await deps.run()
      Object.assign(record, { counts, failures, status: failures.length ? 'PARTIAL' : 'SUCCEEDED' })
    } catch (error) {
      Object.assign(record, {
        status: 'FAILED',
        error: error instanceof Error ? error.message : String(error),
      })
    }
    record.finishedAt = new Date()
    await deps.audit.save(record)
    deps.logger.info('knowledge base sync finished', {
      job_id: record.jobId,
      trigger: record.trigger,
      status: record.status,
      ...record.counts,
    })
  }

  function startLoop(first: Job): void {
    running = (async () => {
      let next: Job | null = first
      while (next) {
        const { record, saved } = next
        await saved
          .then(() => execute(record))
          .catch((error) => deps.logger.error('sync audit failed', { error }))
        next = queued
        queued = null
      }
      running = null
    })()
  }

  return {
    // Decides synchronously (no await before the decision), so concurrent requests never start
    // two runs.
    async request(trigger) {
      if (running && queued)
        return { jobId: queued.record.jobId, status: 'QUEUED', coalesced: true }
      const record = newRecord(trigger)
      const job: Job = { record, saved: deps.audit.save({ ...record }) }
      if (running) queued = job
      else startLoop(job)
      await job.saved
      return { jobId: record.jobId, status: 'QUEUED', coalesced: false }
    },
    async idle() {
      while (running) await running
    },
  }
}

function newRecord(trigger: SyncTrigger): SyncRecord {
  return {
    jobId: `sync-${randomUUID()}`,
    trigger,
    status: 'QUEUED',
    requestedAt: new Date(),
    startedAt: null,
    finishedAt: null,
    counts: emptyCounts(),
    failures: [],
    error: null,
  }
}
