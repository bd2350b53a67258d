import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface TablesArgs {
  settings: StackConfig['tables']
}

/**
 * The two DynamoDB tables, keyed exactly as their adapters read them:
 * app/adapters/interaction-log/dynamodb.ts (hash `customer_id`, range `timestamp`) and
 * app/adapters/sync-audit/dynamodb.ts (hash `job_id`, GSI `by-requested-at` on
 * `list_pk`/`list_sk`, projection ALL). On demand: a few writes per ticket do not justify
 * provisioned capacity. Encrypted at rest with the AWS-owned key (the default; a
 * KMS key would bill per request). TTL on `ttl` (epoch seconds): the interaction log writes it; audit items
 * do not carry it yet, so they never expire until the app sets one.
 */
export class Tables extends pulumi.ComponentResource {
  readonly interactions: aws.dynamodb.Table
  readonly syncAudit: aws.dynamodb.Table

  constructor(name: string, args: TablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:Tables', name, {}, opts)
    const parent = { parent: this }
    const common = {
      billingMode: 'PAY_PER_REQUEST',
      ttl: { attributeName: 'ttl', enabled: true },
      pointInTimeRecovery: { enabled: args.settings.pointInTimeRecovery },
    }
    this.interactions = new aws.dynamodb.Table(
      `${name}-customer-interactions`,
      {
        ...common,
        hashKey: 'customer_id',
        rangeKey: 'timestamp',
        attributes: [
          { name: 'customer_id', type: 'S' },
          { name: 'timestamp', type: 'S' },
        ],
      },
      parent,
    )
    this.syncAudit = new aws.dynamodb.Table(
      `${name}-kb-sync-audit`,
      {
        ...common,
        hashKey: 'job_id',
        attributes: [
          { name: 'job_id', type: 'S' },
          { name: 'list_pk', type: 'S' },
          { name: 'list_sk', type: 'S' },
        ],
        globalSecondaryIndexes: [
          {
            name: 'by-requested-at',
            keySchemas: [
              { attributeName: 'list_pk', keyType: 'HASH' },
              { attributeName: 'list_sk', keyType: 'RANGE' },
            ],
            projectionType: 'ALL',
          },
        ],
      },
      parent,
    )
    this.registerOutputs({
      interactions: this.interactions.name,
      syncAudit: this.syncAudit.name,
    })
  }
}
