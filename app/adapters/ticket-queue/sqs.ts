import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs'
import type {
  DeadLetter,
  ReceivedMessage,
  TicketMessage,
  TicketQueue,
} from '../../ports/ticket-queue.ts'

/** SQS caps: 10 messages per receive, 20 s of long polling, 12 h of visibility. */
const MAX_BATCH = 10
const MAX_WAIT_SECONDS = 20
const MAX_VISIBILITY_SECONDS = 43_200
/** How long a dead-letter scan hides what it has seen, so the next receive returns new ones. */
const SCAN_HIDE_SECONDS = 30
const ERROR_LIMIT = 2_000
const IN_HAND_GRACE_MS = 5 * 60_000

export interface SqsTicketQueueOptions {
  queueUrl: string
  /** The queue named by the main queue's redrive policy. */
  deadLetterQueueUrl: string
  /** The redrive policy's maxReceiveCount: the receive count of a message SQS moved itself. */
  maxReceiveCount?: number
  /**
   * Long polling used by dead-letter scans. Short polling samples a subset of SQS servers and
   * may answer empty while messages exist; 1 s asks them all. Tests against moto pass 0.
   */
  scanWaitSeconds?: number
  client?: SQSClient
}

/**
 * The ticket queue on SQS: a standard queue plus its DLQ. Standard queues deliver at least once
 * and roughly, not exactly, in order. SQS counts time in whole seconds, so visibility timeouts,
 * waits and release delays are rounded up to the next second. `send` ignores `tx`: on AWS the
 * outbox relay (or a direct send after commit) is the caller's concern.
 */
export function createSqsTicketQueue({
  queueUrl,
  deadLetterQueueUrl,
  maxReceiveCount = 3,
  scanWaitSeconds = 1,
  client = new SQSClient({}),
}: SqsTicketQueueOptions): TicketQueue {
  // SQS cannot look a message up by receipt: deadLetter needs the body it was received with.
  const inHand = new Map<string, { message: ReceivedMessage; until: number }>()

  async function receiveFrom(
    url: string,
    count: number,
    visibility: number | undefined,
    wait: number,
  ) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(Math.max(count, 1), MAX_BATCH),
        VisibilityTimeout: visibility,
        WaitTimeSeconds: wait,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        MessageAttributeNames: ['All'],
      }),
    )
    return Messages
  }

  /** Receives dead letters until `limit` or an empty answer, hidden while the scan runs. */
  async function scanDeadLetters(limit: number, visit: (m: Message) => Promise<boolean>) {
    const keep: Message[] = []
    while (keep.length < limit) {
      const batch = await receiveFrom(
        deadLetterQueueUrl,
        limit - keep.length,
        SCAN_HIDE_SECONDS,
        scanWaitSeconds,
      )
      if (batch.length === 0) break
      for (const m of batch) if (!(await visit(m))) keep.push(m)
    }
    await showAgain(client, deadLetterQueueUrl, keep)
    return keep
  }

  async function remove(receiptHandle: string): Promise<boolean> {
    inHand.delete(receiptHandle)
    // SQS accepts a stale receipt (and may still delete the message): only a malformed or
    // foreign one is reported, so this resolves false for those alone.
    return ignoreStaleReceipt(() =>
      client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle })),
    )
  }

  /** A replayed message is a new message: SQS starts its receive count again at 1. */
  async function moveBack(m: Message): Promise<void> {
    const ticketId = m.MessageAttributes?.ticket_id?.StringValue
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: m.Body,
        MessageAttributes: ticketId ? { ticket_id: text(ticketId) } : undefined,
      }),
    )
    await client.send(
      new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: m.ReceiptHandle }),
    )
  }

  return {
    joinsTransactions: false,
    async send(body) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(body),
          MessageAttributes: { ticket_id: text(body.ticketId) },
        }),
      )
    },

    async receive({ maxMessages = 10, visibilityTimeoutMs, waitMs = 0 } = {}) {
      const visibility =
        visibilityTimeoutMs === undefined ? undefined : seconds(visibilityTimeoutMs)
      const wait = Math.min(seconds(waitMs), MAX_WAIT_SECONDS)
      const messages = (await receiveFrom(queueUrl, maxMessages, visibility, wait)).map(toReceived)
      const now = Date.now()
      for (const [handle, entry] of inHand) if (entry.until < now) inHand.delete(handle)
      // Kept a while past the visibility timeout, so a slow handler can still dead-letter.
      const until = now + 1_000 * (visibility ?? MAX_VISIBILITY_SECONDS) + IN_HAND_GRACE_MS
      for (const message of messages) inHand.set(message.receiptHandle, { message, until })
      return messages
    },

    delete: remove,

    async release(receiptHandle, { delayMs }) {
      // Messages are immutable on SQS: the error is not kept (deadLetter carries its own).
      inHand.delete(receiptHandle)
      await ignoreStaleReceipt(() =>
        client.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: receiptHandle,
            VisibilityTimeout: Math.min(seconds(delayMs), MAX_VISIBILITY_SECONDS),
          }),
        ),
      )
    },

    async deadLetter(receiptHandle, error) {
      const entry = inHand.get(receiptHandle)
      if (!entry) throw new Error('deadLetter needs a message received through this queue')
      // Send first, then delete: a crash in between leaves a duplicate, never a lost message.
      await client.send(
        new SendMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MessageBody: JSON.stringify(entry.message.body),
          MessageAttributes: {
            ticket_id: text(entry.message.body.ticketId),
            last_error: text(error.slice(0, ERROR_LIMIT) || '(no message)'),
            receive_count: { DataType: 'Number', StringValue: String(entry.message.receiveCount) },
            dead_at: text(new Date().toISOString()),
          },
        }),
      )
      await remove(receiptHandle)
    },

    async listDeadLetters(limit = 100) {
      // SQS has no listing: this receives the DLQ (hiding what it saw for the scan's duration)
      // and makes everything visible again at once, so it is a peek with a short blind spot.
      const seen = await scanDeadLetters(limit, async () => false)
      return seen
        .map((m) => toDeadLetter(m, maxReceiveCount))
        .sort((a, b) => a.deadAt.getTime() - b.deadAt.getTime())
    },

    async replay(target) {
      let replayed = 0
      await scanDeadLetters(Number.POSITIVE_INFINITY, async (m) => {
        if (target !== 'all' && m.MessageId !== target.id) return false
        await moveBack(m)
        replayed++
        return true
      })
      return replayed
    },

    async depth() {
      const [main, dead] = await Promise.all([
        countsOf(client, queueUrl),
        countsOf(client, deadLetterQueueUrl),
      ])
      return { visible: main.visible, inFlight: main.inFlight, dead: dead.visible + dead.inFlight }
    },
  }
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1_000))

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value })

function parseBody(message: Message): TicketMessage {
  return JSON.parse(message.Body ?? '{}') as TicketMessage
}

function toReceived(message: Message): ReceivedMessage {
  return {
    messageId: message.MessageId ?? '',
    body: parseBody(message),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
    receiptHandle: message.ReceiptHandle ?? '',
  }
}

/** Our deadLetter() stamps its attributes; a message SQS's redrive moved has none of them. */
function toDeadLetter(message: Message, maxReceiveCount: number): DeadLetter {
  const attributes = message.MessageAttributes ?? {}
  const deadAt = attributes.dead_at?.StringValue
  const receiveCount = attributes.receive_count?.StringValue
  return {
    id: message.MessageId ?? '',
    messageId: message.MessageId ?? '',
    body: parseBody(message),
    receiveCount: receiveCount ? Number(receiveCount) : maxReceiveCount,
    lastError: attributes.last_error?.StringValue ?? null,
    deadAt: deadAt ? new Date(deadAt) : new Date(Number(message.Attributes?.SentTimestamp ?? 0)),
  }
}

async function showAgain(client: SQSClient, queueUrl: string, messages: Message[]) {
  for (let start = 0; start < messages.length; start += MAX_BATCH) {
    const entries = messages.slice(start, start + MAX_BATCH).map((m, i) => ({
      Id: String(i),
      ReceiptHandle: m.ReceiptHandle,
      VisibilityTimeout: 0,
    }))
    await client.send(
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
    )
  }
}

async function countsOf(client: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  )
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  }
}

/** Resolves false instead of rejecting when SQS calls the receipt invalid or not in flight. */
async function ignoreStaleReceipt(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call()
    return true
  } catch (error) {
    const name = (error as { name?: string }).name
    // ChangeMessageVisibility answers InvalidParameterValue for a receipt that has expired.
    const stale = ['ReceiptHandleIsInvalid', 'MessageNotInflight', 'InvalidParameterValue']
    if (name && stale.includes(name)) return false
    throw error
  }
}
