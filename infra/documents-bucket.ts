import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface DocumentsBucketArgs {
  settings: StackConfig['documents']
}

/** Where documents live inside the bucket: the data source ingests only this prefix. */
export const DOCUMENTS_PREFIX = 'kb/'

/**
 * The knowledge base's documents (and their `.metadata.json` sidecars). Versioned, so a bad
 * upload or a deletion can be undone for `noncurrentVersionExpirationDays`; SSE-S3 (free, no KMS
 * request charges); all public access blocked; objects move to Intelligent-Tiering after
 * `intelligentTieringAfterDays` (S3 leaves objects under 128 KB where they are, so small
 * documents never pay its monitoring fee). EventBridge notifications are on: the sync Lambda's
 * rule listens there rather than on a bucket notification target.
 */
export class DocumentsBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket

  constructor(name: string, args: DocumentsBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:DocumentsBucket', name, {}, opts)
    const parent = { parent: this }
    const { settings } = args
    const bucket = new aws.s3.Bucket(`${name}-documents`, {}, parent)
    this.bucket = bucket
    new aws.s3.BucketPublicAccessBlock(
      `${name}-documents`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    )
    new aws.s3.BucketVersioning(
      `${name}-documents`,
      { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } },
      parent,
    )
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-documents`,
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      },
      parent,
    )
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-documents`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: 'expire-old-versions',
            status: 'Enabled',
            filter: {},
            noncurrentVersionExpiration: {
              noncurrentDays: settings.noncurrentVersionExpirationDays,
            },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
          {
            id: 'intelligent-tiering',
            status: 'Enabled',
            filter: {},
            transitions: [
              { days: settings.intelligentTieringAfterDays, storageClass: 'INTELLIGENT_TIERING' },
            ],
          },
        ],
      },
      parent,
    )
    new aws.s3.BucketNotification(
      `${name}-documents`,
      { bucket: bucket.id, eventbridge: true },
      parent,
    )
    this.registerOutputs({ bucket: bucket.bucket })
  }
}
