import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { after, before, describe } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs'
import { REQUIRE_ALL_BACKENDS } from './databases.ts'

/** What every SDK client needs to talk to moto instead of AWS. */
export interface MotoClientConfig {
  endpoint: string
  region: 'us-east-1'
  credentials: { accessKeyId: string; secretAccessKey: string }
}

export interface Moto {
  endpoint: string
  config: MotoClientConfig
}

/** Why moto cannot run here, if it cannot. */
export const motoUnavailable = onPath('moto_server') ? undefined : 'moto_server is not on PATH'

/**
 * Starts ONE moto_server for the calling test file (root-level before/after hooks) and resolves
 * its endpoint lazily: the returned object is filled in before the first test runs.
 */
export function useMoto(): Moto {
  const moto = {} as Moto
  if (motoUnavailable) return moto
  let child: ChildProcess | undefined
  before(async () => {
    const port = await freePort()
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    // Also when the run is cut short: an orphaned server would hold its port.
    process.once('exit', () => child?.kill())
    const endpoint = `http://127.0.0.1:${port}`
    await waitUntilReady(endpoint, child)
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
    Object.assign(moto, { endpoint, config: { endpoint, region: 'us-east-1', credentials } })
  })
  after(() => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid)
  })
  return moto
}

/**
 * A describe() over moto: skipped with the reason when moto_server is absent, or failing when
 * REQUIRE_ALL_BACKENDS=1 (CI), the same rule as tests/helpers/databases.ts.
 */
export function describeWithMoto(title: string, suite: () => void): void {
  const skip = motoUnavailable && !REQUIRE_ALL_BACKENDS ? motoUnavailable : undefined
  describe(`${title} [moto]`, { skip }, () => {
    if (motoUnavailable) {
      throw new Error(`moto is required (REQUIRE_ALL_BACKENDS=1) but ${motoUnavailable}`)
    }
    suite()
  })
}

/** A fresh resource name per test, so tests never see each other's data. */
export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`

/** A fresh table keyed by string attributes, with an optional GSI (all attributes projected). */
export async function createTable(
  moto: Moto,
  keys: { hash: string; range?: string; index?: { name: string; hash: string; range: string } },
): Promise<string> {
  const name = uniqueName('table')
  const { hash, range, index } = keys
  const attributes = [hash, range, index?.hash, index?.range].filter((a) => a !== undefined)
  await new DynamoDBClient(moto.config).send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...new Set(attributes)].map((a) => ({
        AttributeName: a,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: hash, KeyType: 'HASH' },
        ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
      ],
      GlobalSecondaryIndexes: index && [
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.hash, KeyType: 'HASH' },
            { AttributeName: index.range, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  )
  return name
}

/** A fresh standard queue whose redrive policy moves a message to its DLQ after 3 receives. */
export async function createQueuePair(moto: Moto, maxReceiveCount = 3) {
  const sqs = new SQSClient(moto.config)
  const name = uniqueName('tickets')
  const dead = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))
  const deadLetterQueueUrl = dead.QueueUrl ?? ''
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
  )
  const redrive = { deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount }
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { RedrivePolicy: JSON.stringify(redrive) },
    }),
  )
  return { queueUrl: main.QueueUrl ?? '', deadLetterQueueUrl }
}

/** A fresh bucket; S3 clients on moto need path-style addressing. */
export async function createBucket(moto: Moto): Promise<string> {
  const bucket = uniqueName('docs')
  await s3Client(moto).send(new CreateBucketCommand({ Bucket: bucket }))
  return bucket
}

export const s3Client = (moto: Moto) => new S3Client({ ...moto.config, forcePathStyle: true })

async function waitUntilReady(endpoint: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`)
    const ready = await fetch(`${endpoint}/moto-api/`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) return
    await sleep(150)
  }
  throw new Error('moto_server did not become ready within 30 s')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}
