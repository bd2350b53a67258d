import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb'
import {
  assertValidInteraction,
  expiryOf,
  INTERACTION_RETENTION_DAYS,
  type Interaction,
  type InteractionChannel,
  type InteractionLog,
} from '../../ports/interaction-log.ts'

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25
const MAX_ATTEMPTS = 8

interface InteractionItem {
  customer_id: string
  /** The range key: `<occurredAt ISO>#<ref or random UUID>`; see sortKeyOf. */
  timestamp: string
  channel: InteractionChannel
  sentiment: number
  summary: string
  ref?: string
  /** Epoch seconds: DynamoDB TTL deletes the item some time (up to days) after this. */
  ttl: number
}

/**
 * The interaction log on DynamoDB: partition `customer_id`, range `timestamp`, TTL on `ttl`.
 * The range key starts with the ISO time (fixed width, so string order is time order and
 * `ScanIndexForward: false` lists newest first) and ends with the ref when there is one, so a
 * redelivered interaction lands on its own key again instead of adding a second item.
 */
export function createDynamoInteractionLog({
  tableName = 'customer-interactions',
  client = new DynamoDBClient({}),
}: {
  tableName?: string
  client?: DynamoDBClient
} = {}): InteractionLog {
  const documents = DynamoDBDocumentClient.from(client)

  return {
    async record(interactions) {
      interactions.forEach(assertValidInteraction)
      const items = uniqueByKey(interactions.map(toItem))
      for (let start = 0; start < items.length; start += BATCH_SIZE) {
        await writeBatch(documents, tableName, items.slice(start, start + BATCH_SIZE))
      }
    },

    async listRecent(customerId, { since, limit = 100, now = new Date() } = {}) {
      if (limit <= 0) return []
      const from = since ?? new Date(now.getTime() - INTERACTION_RETENTION_DAYS * 86_400_000)
      const found: Interaction[] = []
      let startKey: QueryCommandOutput['LastEvaluatedKey']
      // Limit applies before the filter in DynamoDB, so page until enough items survive it.
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'customer_id = :customer AND #ts >= :from',
            // TTL deletes lazily: an expired item may still be stored, so hide it here.
            FilterExpression: '#ttl > :now',
            ExpressionAttributeNames: { '#ts': 'timestamp', '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':customer': customerId,
              ':from': from.toISOString(),
              ':now': now.getTime() / 1000,
            },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        )
        for (const item of page.Items ?? []) found.push(toInteraction(item as InteractionItem))
        startKey = page.LastEvaluatedKey
      } while (startKey && found.length < limit)
      return found.slice(0, limit)
    },
  }
}

/** `2026-06-01T12:00:00.000Z#ticket:tkt_1:abc`, or `...Z#<uuid>` without a ref. */
export function sortKeyOf(interaction: Interaction): string {
  return `${interaction.occurredAt.toISOString()}#${interaction.ref ?? randomUUID()}`
}

function toItem(interaction: Interaction): InteractionItem {
  return {
    customer_id: interaction.customerId,
    timestamp: sortKeyOf(interaction),
    channel: interaction.channel,
    sentiment: interaction.sentiment,
    summary: interaction.summary,
    ...(interaction.ref ? { ref: interaction.ref } : {}),
    ttl: Math.floor(expiryOf(interaction.occurredAt).getTime() / 1000),
  }
}

function toInteraction(item: InteractionItem): Interaction {
  return {
    customerId: item.customer_id,
    occurredAt: new Date(item.timestamp.slice(0, item.timestamp.indexOf('#'))),
    channel: item.channel,
    sentiment: item.sentiment,
    summary: item.summary,
    ...(item.ref ? { ref: item.ref } : {}),
  }
}

/**
 * Keeps the first of several interactions with one key: BatchWriteItem rejects a batch that
 * names a key twice, and the port keeps the first recording of a ref.
 */
function uniqueByKey(items: InteractionItem[]): InteractionItem[] {
  const byKey = new Map<string, InteractionItem>()
  for (const item of items) {
    const key = `${item.customer_id}\0${item.timestamp}`
    if (!byKey.has(key)) byKey.set(key, item)
  }
  return [...byKey.values()]
}

/** Writes one batch, retrying what DynamoDB leaves unprocessed (throttling) with backoff. */
async function writeBatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: InteractionItem[],
): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }))
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt === MAX_ATTEMPTS) {
      throw new Error(`${requests.length} interactions left unprocessed after ${attempt} attempts`)
    }
    if (attempt > 0) await sleep(Math.min(50 * 2 ** attempt, 2_000))
    const { UnprocessedItems } = await documents.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
    )
    requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests
  }
}
