import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { SyncRecord } from '../../app/ports/knowledge-base.ts'
import type { SyncAuditTrail } from '../../app/ports/sync-audit.ts'

const record = (
  jobId: string,
  requestedAt: string,
  overrides: Partial<SyncRecord> = {},
): SyncRecord => ({
  jobId,
  trigger: 'manual',
  status: 'QUEUED',
  requestedAt: new Date(requestedAt),
  startedAt: null,
  finishedAt: null,
  counts: {
    scanned: 0,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    chunks: 0,
  },
  failures: [],
  error: null,
  ...overrides,
})

/** The behaviour every SyncAuditTrail must show. `open` gives an empty trail. */
export function syncAuditTrailContract(open: () => Promise<SyncAuditTrail>) {
  it('saves a record and replaces it when the job progresses', async () => {
    const trail = await open()
    await trail.save(record('sync-1', '2026-01-01T00:00:00Z'))
    const finished = record('sync-1', '2026-01-01T00:00:00Z', {
      status: 'PARTIAL',
      startedAt: new Date('2026-01-01T00:00:01Z'),
      finishedAt: new Date('2026-01-01T00:00:09Z'),
      counts: {
        scanned: 3,
        added: 1,
        updated: 1,
        deleted: 0,
        unchanged: 0,
        skipped: 0,
        failed: 1,
        chunks: 12,
      },
      failures: [{ documentKey: 'pdf/broken.pdf', reason: 'unreadable file' }],
    })
    await trail.save(finished)
    assert.deepEqual(await trail.get('sync-1'), finished)
  })

  it('keeps the backend job id when there is one, and leaves it out when there is none', async () => {
    const trail = await open()
    const external = record('sync-x', '2026-01-01T00:00:00Z', {
      status: 'IN_PROGRESS',
      externalJobId: 'ABCDEFGHIJ',
    })
    await trail.save(external)
    await trail.save(record('sync-y', '2026-01-02T00:00:00Z'))
    assert.deepEqual(await trail.get('sync-x'), external)
    assert.equal('externalJobId' in ((await trail.get('sync-y')) ?? {}), false)
  })

  it('resolves null for an unknown job', async () => {
    const trail = await open()
    assert.equal(await trail.get('sync-unknown'), null)
  })

  it('lists the newest first, at most limit', async () => {
    const trail = await open()
    await trail.save(record('sync-a', '2026-01-01T00:00:00Z'))
    await trail.save(record('sync-c', '2026-01-03T00:00:00Z'))
    await trail.save(record('sync-b', '2026-01-02T00:00:00Z'))
    const listed = await trail.list(2)
    assert.deepEqual(
      listed.map((r) => r.jobId),
      ['sync-c', 'sync-b'],
    )
  })
}
