import type * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'
import { DOCUMENTS_PREFIX } from './documents-bucket.ts'
import type { Statement } from './iam.ts'

// Statement builders shared by the functions (infra/functions.ts); each names its resources.

/** The sizing keys of a function's settings (the API's section carries edge settings too). */
export function sizing({ memoryMb, timeoutSeconds, reservedConcurrency }: StackConfig['worker']) {
  return { memoryMb, timeoutSeconds, reservedConcurrency }
}

export function readDocuments(bucket: aws.s3.Bucket): Statement[] {
  return [
    {
      Sid: 'ListDocuments',
      Action: ['s3:ListBucket'],
      Resource: [bucket.arn],
      Condition: { StringLike: { 's3:prefix': [`${DOCUMENTS_PREFIX}*`] } },
    },
    {
      Sid: 'ReadDocuments',
      Action: ['s3:GetObject'],
      Resource: [pulumi.interpolate`${bucket.arn}/${DOCUMENTS_PREFIX}*`],
    },
  ]
}

/** Drafts: RetrieveAndGenerate over the knowledge base with one named model or profile. */
export function draftStatements(invokeResources: pulumi.Output<string>[]): Statement[] {
  return [
    {
      Sid: 'DraftModel',
      Action: ['bedrock:InvokeModel', 'bedrock:GetInferenceProfile'],
      Resource: invokeResources,
    },
    {
      // RetrieveAndGenerate has no resource type in IAM: it can only be granted on `*`. The
      // knowledge base is still bounded by bedrock:Retrieve on its ARN, the model by InvokeModel.
      Sid: 'RetrieveAndGenerate',
      Action: ['bedrock:RetrieveAndGenerate'],
      Resource: ['*'],
    },
  ]
}
