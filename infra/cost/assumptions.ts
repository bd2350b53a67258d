/**
 * What the estimate assumes beyond the stack file: the app's own behaviour (how many writes a
 * ticket makes, how long a handler runs) and sizes no setting records. Each is a guess stated in
 * the line it drives, so finance and engineers can challenge one number at a time. Measure them
 * (CloudWatch duration, DynamoDB consumed capacity) once a stack runs, then update this file.
 */
export const ASSUMPTIONS = {
  hoursPerMonth: 730,

  /** Average billed duration per invocation (ms). Drafts wait for the model, so they are long. */
  httpDurationMs: 200,
  draftDurationMs: 4000,
  /** Worker: one invocation per ticket (batches of one at low traffic: the conservative case). */
  workerDurationMs: 1500,
  /** Sync: the 1 s coalescing window plus StartIngestionJob and the audit writes. */
  syncDurationMs: 2000,
  relayDurationMs: 100,
  /** Every minute (EventBridge schedule): 60 × 730. */
  relayInvocationsPerMonth: 60 * 730,
  /**
   * The sync's own schedule, every 5 minutes: 12 × 730. It resumes a sync left waiting on a
   * conflict; with nothing waiting it returns at once, so it is timed like the relay.
   */
  syncResumeDurationMs: 100,
  syncResumeInvocationsPerMonth: 12 * 730,

  /** DynamoDB: one interaction item (< 1 KB) written per processed ticket. */
  writeUnitsPerTicket: 1,
  /** The customer 360 reads recent interactions: one eventually consistent Query of ~16 KB. */
  readUnitsPerTicket: 2,
  /** Sync audit: ~3 saves per job (requested, started, finished) × 2 (GSI with projection ALL). */
  writeUnitsPerSync: 6,
  interactionItemKb: 0.5,
  auditItemKb: 1,
  /** Audit rows have no TTL: a year of them is kept in the estimate. */
  auditMonthsKept: 12,

  /** SQS per ticket: SendMessage, the mapping's ReceiveMessage and DeleteMessage (unbatched). */
  sqsRequestsPerTicket: 3,
  /** The Lambda event source mapping long-polls (20 s) with ~5 pollers while idle: 3 each a minute. */
  sqsIdlePollers: 5,
  sqsEmptyReceivesPerPollerMinute: 3,

  /** CloudFront: average response to the viewer and average request forwarded to the origin. */
  responseKb: 6,
  originRequestKb: 2,

  /** S3: each document has a `.metadata.json` sidecar; Bedrock ingestion GETs both. */
  objectsPerDocument: 2,
  listPageSize: 1000,

  /** Vector metadata: the chunk text (≈4 characters per token) plus ~512 bytes of other fields. */
  charsPerToken: 4,
  vectorMetadataBytes: 512,

  /** VPC egress (NAT or endpoints) per unit of work: SQS, Bedrock Retrieve/InvokeModel traffic. */
  egressKbPerTicket: 30,
  egressKbPerKbQuery: 20,
  egressKbPerDraft: 15,

  /** Database credentials and the origin-verify header (CloudFront → Function URL). */
  secrets: 2,
  /** Secrets are cached 5 min per warm container; warm containers ≈ 3 HTTP + the worker cap. */
  secretRefreshesPerContainerHour: 12,
  httpWarmContainers: 3,

  /** Alarms: the DLQ depth alarm. Custom metrics: the five Powertools counters (one dimension set). */
  alarms: 1,
  customMetrics: 5,

  /** RDS backups: the first snapshot is the full volume, then 5% of it changes each day. */
  rdsDailyChangeRatio: 0.05,
} as const

export type Assumptions = typeof ASSUMPTIONS
