import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SQSClient } from '@aws-sdk/client-sqs'
import type { Config } from '../config.ts'

/** The SDK clients the AWS adapters use; each built on first use, so embedded mode builds none. */
export interface AwsClients {
  readonly bedrockAgent: BedrockAgentClient
  readonly bedrockRuntime: BedrockAgentRuntimeClient
  readonly dynamodb: DynamoDBClient
  readonly s3: S3Client
  readonly secrets: SecretsManagerClient
  readonly sqs: SQSClient
}

/** Wraps every client as it is built (Lambda: the tracer's captureAWSv3Client). */
export type ClientHook = <T>(client: T) => T

/**
 * Clients for AWS_REGION and AWS_ENDPOINT_URL. With an endpoint (moto, LocalStack) S3 uses
 * path-style addressing, since `<bucket>.127.0.0.1` does not resolve. Credentials come from the
 * SDK's default chain (the Lambda role, a profile, or AWS_ACCESS_KEY_ID for an emulator).
 */
export function createAwsClients(
  config: Pick<Config, 'AWS_REGION' | 'AWS_ENDPOINT_URL'>,
  hook: ClientHook = (client) => client,
): AwsClients {
  const base = {
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
    ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}),
  }
  const built = new Map<string, unknown>()
  const lazy = <T>(name: string, build: () => T): T => {
    if (!built.has(name)) built.set(name, hook(build()))
    return built.get(name) as T
  }
  return {
    get bedrockAgent() {
      return lazy('bedrockAgent', () => new BedrockAgentClient(base))
    },
    get bedrockRuntime() {
      return lazy('bedrockRuntime', () => new BedrockAgentRuntimeClient(base))
    },
    get dynamodb() {
      return lazy('dynamodb', () => new DynamoDBClient(base))
    },
    get s3() {
      return lazy('s3', () => new S3Client({ ...base, forcePathStyle: !!config.AWS_ENDPOINT_URL }))
    },
    get secrets() {
      return lazy('secrets', () => new SecretsManagerClient(base))
    },
    get sqs() {
      return lazy('sqs', () => new SQSClient(base))
    },
  }
}
