/**
 * The AWS APIs the VPC Lambdas call besides S3 and DynamoDB (free gateway endpoints): each gets
 * an interface endpoint on stacks without NAT. Drafts need none of their own: RetrieveAndGenerate
 * is a bedrock-agent-runtime call, and Bedrock invokes the model on its side. The network
 * component builds these and the cost report prices them: one list for both.
 */
export const INTERFACE_ENDPOINT_SERVICES: readonly string[] = [
  'sqs',
  'secretsmanager',
  'bedrock-agent-runtime',
  'bedrock-agent',
]
