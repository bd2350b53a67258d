export const INTERACTION_CHANNELS = ['email', 'chat', 'phone', 'web', 'social'] as const
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number]

/** How long an interaction is kept: the DynamoDB twin sets its `ttl` attribute from this. */
export const INTERACTION_RETENTION_DAYS = 90

export interface Interaction {
  /** The customer's external id (`CUST-00001`): the partition key on DynamoDB. */
  customerId: string
  occurredAt: Date
  channel: InteractionChannel
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: number
  /** A short description of what happened; may contain customer words, never log it. */
  summary: string
  /**
   * Idempotency key (`ticket:<id>:<content hash>`): recording the same customer and ref again
   * keeps the first, so a redelivered message cannot count twice.
   */
  ref?: string
}

export interface InteractionLog {
  /**
   * Stores interactions (several at once where the backend batches), once per `ref`. Each expires
   * INTERACTION_RETENTION_DAYS after it occurred. Rejects a sentiment outside -1..1.
   */
  record(interactions: readonly Interaction[]): Promise<void>
  /**
   * The customer's interactions that occurred at or after `since` (default: the retention
   * window) and have not expired, newest first, at most `limit` (default 100).
   */
  listRecent(
    customerId: string,
    options?: { since?: Date; limit?: number; now?: Date },
  ): Promise<Interaction[]>
}

export function expiryOf(occurredAt: Date): Date {
  return new Date(occurredAt.getTime() + INTERACTION_RETENTION_DAYS * 86_400_000)
}

export function assertValidInteraction(interaction: Interaction): void {
  const { sentiment } = interaction
  if (!Number.isFinite(sentiment) || sentiment < -1 || sentiment > 1) {
    throw new RangeError(`sentiment must be within -1..1, got ${sentiment}`)
  }
  if (!INTERACTION_CHANNELS.includes(interaction.channel)) {
    throw new RangeError(`unknown channel ${interaction.channel}`)
  }
}
