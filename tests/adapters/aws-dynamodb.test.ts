import assert from 'node:assert/strict'
import { it } from 'node:test'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { createDynamoInteractionLog } from '../../app/adapters/interaction-log/dynamodb.ts'
import {
  createDynamoSyncAuditTrail,
  SYNC_AUDIT_INDEX,
} from '../../app/adapters/sync-audit/dynamodb.ts'
import type { Interaction } from '../../app/ports/interaction-log.ts'
import { interactionLogContract } from '../contracts/interaction-log.ts'
import { syncAuditTrailContract } from '../contracts/sync-audit.ts'
import { createTable, describeWithMoto, type Moto, useMoto } from '../helpers/moto.ts'

const moto = useMoto()
const interactionTable = (m: Moto) => createTable(m, { hash: 'customer_id', range: 'timestamp' })

async function openLog() {
  const client = new DynamoDBClient(moto.config)
  const tableName = await interactionTable(moto)
  return { log: createDynamoInteractionLog({ tableName, client }), tableName, client }
}

describeWithMoto('InteractionLog contract, DynamoDB adapter', () => {
  interactionLogContract(async () => (await openLog()).log)

  it('stores ttl as epoch seconds 90 days after the interaction, keyed by time and ref', async () => {
    const { log, tableName, client } = await openLog()
    const occurredAt = new Date('2026-06-01T12:00:00.000Z')
    await log.record([
      { customerId: 'C-1', occurredAt, channel: 'chat', sentiment: 0, summary: 'x', ref: 'r:1' },
    ])
    const { Items = [] } = await DynamoDBDocumentClient.from(client).send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'customer_id = :c',
        ExpressionAttributeValues: { ':c': 'C-1' },
      }),
    )
    assert.equal(Items.length, 1)
    assert.equal(Items[0]?.timestamp, '2026-06-01T12:00:00.000Z#r:1')
    assert.equal(Items[0]?.ttl, Date.parse('2026-08-30T12:00:00.000Z') / 1000)
  })

  it('writes more than one BatchWriteItem of 25 and keeps same-instant interactions apart', async () => {
    const { log } = await openLog()
    const occurredAt = new Date('2026-06-01T00:00:00.000Z')
    const many: Interaction[] = Array.from({ length: 60 }, (_, n) => ({
      customerId: 'C-9',
      occurredAt,
      channel: 'email',
      sentiment: 0,
      summary: `same instant ${n}`,
    }))
    await log.record(many)
    const listed = await log.listRecent('C-9', { now: occurredAt, limit: 1_000 })
    assert.equal(listed.length, 60)
    assert.equal((await log.listRecent('C-9', { now: occurredAt, limit: 7 })).length, 7)
  })
})

describeWithMoto('SyncAuditTrail contract, DynamoDB adapter', () => {
  syncAuditTrailContract(async () => {
    const tableName = await createTable(moto, { hash: 'job_id', index: SYNC_AUDIT_INDEX })
    return createDynamoSyncAuditTrail({ tableName, client: new DynamoDBClient(moto.config) })
  })
})
