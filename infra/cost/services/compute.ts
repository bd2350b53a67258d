import { type LineItem, line, MILLION, type ServiceLines } from '../line-item.ts'
import { traffic } from '../usage.ts'

const gbSeconds = (invocations: number, memoryMb: number, durationMs: number) =>
  invocations * (memoryMb / 1024) * (durationMs / 1000)

/**
 * Lambda (arm64): requests and GB-seconds for each of the four functions; the document sync's
 * scheduled resume runs are their own lines, being far shorter than a sync.
 */
export const lambdaLines: ServiceLines = ({ config, prices, assume }) => {
  const u = config.expectedUsage
  const t = traffic(config)
  const { api, worker, sync, outboxRelay } = config
  const http = t.originRequests - u.draftsPerMonth
  const functions = [
    {
      name: 'HTTP',
      invocations: t.originRequests,
      gbs:
        gbSeconds(http, api.memoryMb, assume.httpDurationMs) +
        gbSeconds(u.draftsPerMonth, api.memoryMb, assume.draftDurationMs),
      why: `context reads missing the edge cache (${t.contextMisses}) + ticket posts + agents' KB searches (${t.agentKbSearches}) + drafts; ${api.memoryMb} MB × ${assume.httpDurationMs} ms (drafts ${assume.draftDurationMs} ms)`,
    },
    {
      name: 'ticket worker',
      invocations: u.ticketsPerMonth,
      gbs: gbSeconds(u.ticketsPerMonth, worker.memoryMb, assume.workerDurationMs),
      why: `one per ticket (unbatched); ${worker.memoryMb} MB × ${assume.workerDurationMs} ms`,
    },
    {
      name: 'document sync',
      invocations: u.documentChangesPerMonth,
      gbs: gbSeconds(u.documentChangesPerMonth, sync.memoryMb, assume.syncDurationMs),
      why: `one per document change; ${sync.memoryMb} MB × ${assume.syncDurationMs} ms`,
    },
    {
      name: 'document sync resume',
      invocations: assume.syncResumeInvocationsPerMonth,
      gbs: gbSeconds(
        assume.syncResumeInvocationsPerMonth,
        sync.memoryMb,
        assume.syncResumeDurationMs,
      ),
      why: `every 5 minutes, taking up a sync left waiting on a conflict; ${sync.memoryMb} MB × ${assume.syncResumeDurationMs} ms`,
    },
    {
      name: 'outbox relay',
      invocations: assume.relayInvocationsPerMonth,
      gbs: gbSeconds(assume.relayInvocationsPerMonth, outboxRelay.memoryMb, assume.relayDurationMs),
      why: `every minute; ${outboxRelay.memoryMb} MB × ${assume.relayDurationMs} ms`,
    },
  ]
  return functions.flatMap((fn): LineItem[] => [
    line(
      'Lambda',
      `${fn.name} requests`,
      fn.invocations / MILLION,
      prices.prices.lambdaRequests,
      `${fn.invocations.toLocaleString('en-US')} invocations: ${fn.why}.`,
      'lambdaRequests',
    ),
    line(
      'Lambda',
      `${fn.name} duration (arm64)`,
      fn.gbs,
      prices.prices.lambdaArmGbSecond,
      'GB-seconds = invocations × memory × duration.',
      'lambdaGbSeconds',
    ),
  ])
}

/** SQS standard queue: per-ticket requests plus the event source mapping's empty long polls. */
export const sqsLines: ServiceLines = ({ config, prices, assume }) => {
  const perTicket = config.expectedUsage.ticketsPerMonth * assume.sqsRequestsPerTicket
  const emptyReceives =
    assume.sqsIdlePollers * assume.sqsEmptyReceivesPerPollerMinute * 60 * assume.hoursPerMonth
  return [
    line(
      'SQS',
      'Send, receive, delete',
      perTicket / MILLION,
      prices.prices.sqsRequests,
      `${assume.sqsRequestsPerTicket} requests per ticket (messages < 64 KB).`,
      'sqsRequests',
    ),
    line(
      'SQS',
      'Empty long-poll receives',
      emptyReceives / MILLION,
      prices.prices.sqsRequests,
      `${assume.sqsIdlePollers} pollers × ${assume.sqsEmptyReceivesPerPollerMinute}/min (20 s long polls) around the clock: an upper bound, busy polls return messages.`,
      'sqsRequests',
    ),
  ]
}

/** EventBridge: S3 object events to the sync rule, the outbox relay's and the sync's schedules. */
export const eventBridgeLines: ServiceLines = ({ config, prices, assume }) => {
  const events = config.expectedUsage.documentChangesPerMonth * assume.objectsPerDocument
  const schedule = (item: string, invocations: number, rate: string) =>
    line(
      'EventBridge',
      item,
      invocations / MILLION,
      prices.prices.scheduler,
      `A ${rate} EventBridge rule. Scheduled-rule events are not in the price file: priced at the Scheduler rate (whose first 14M a month are free) as a conservative stand-in.`,
      'scheduler',
    )
  return [
    line(
      'EventBridge',
      'S3 object events',
      events / MILLION,
      prices.prices.s3Events,
      'Document + sidecar per change. FLAG: confirm on a bill.',
    ),
    schedule('Outbox relay schedule', assume.relayInvocationsPerMonth, 'rate(1 minute)'),
    schedule('Document sync schedule', assume.syncResumeInvocationsPerMonth, 'rate(5 minutes)'),
  ]
}
