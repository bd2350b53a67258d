import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import { policyDocument, type Statement, serviceRole } from './iam.ts'

/** The bundles `npm run build` writes to dist/lambda/<name>/index.mjs. */
export type Bundle =
  | 'http'
  | 'ticket-worker'
  | 'document-sync'
  | 'outbox-relay'
  | 'opensearch-index'

export interface SupportFunctionArgs {
  bundle: Bundle
  /** Lower-case `<project>-<stack>`: the function is `<prefix>-<bundle>`. */
  prefix: string
  description: string
  memoryMb: number
  timeoutSeconds: number
  reservedConcurrency?: number
  logRetentionDays: number
  environment: Record<string, pulumi.Input<string>>
  /** Everything the function may do besides writing its own logs and traces. */
  statements: Statement[]
  /** Set for the functions that reach RDS. */
  vpc?: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] }
}

/**
 * One Lambda function with its own role, inline policy and log group. ARM64 and Node.js 22
 * (decision 0003: the bundles target node22). The role gets no managed policy: logging is
 * allowed on this function's log group only; the actions that have no resource to name
 * (X-Ray, and the ENI calls a VPC function makes) are the only `*` statements.
 */
export class SupportFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function
  readonly role: aws.iam.Role

  constructor(name: string, args: SupportFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:SupportFunction', name, {}, opts)
    const parent = { parent: this }
    const functionName = `${args.prefix}-${args.bundle}`
    const logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays },
      parent,
    )
    this.role = serviceRole(name, 'lambda.amazonaws.com', parent)
    const policy = new aws.iam.RolePolicy(
      name,
      {
        role: this.role.id,
        policy: policyDocument([
          {
            Sid: 'OwnLogs',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [pulumi.interpolate`${logGroup.arn}:*`],
          },
          {
            Sid: 'Traces',
            Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
            Resource: ['*'],
          },
          ...(args.vpc ? [vpcAccess] : []),
          ...args.statements,
        ]),
      },
      parent,
    )
    this.function = new aws.lambda.Function(
      name,
      {
        name: functionName,
        description: args.description,
        code: new pulumi.asset.FileArchive(`dist/lambda/${args.bundle}`),
        handler: 'index.handler',
        runtime: aws.lambda.Runtime.NodeJS22dX,
        architectures: ['arm64'],
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        reservedConcurrentExecutions: args.reservedConcurrency ?? -1,
        role: this.role.arn,
        environment: { variables: args.environment },
        loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
        tracingConfig: { mode: 'Active' },
        ...(args.vpc ? { vpcConfig: args.vpc } : {}),
      },
      // The policy must exist before the first invocation (and before an event source mapping
      // checks the role can read the queue).
      { parent: this, dependsOn: [policy, logGroup] },
    )
    this.registerOutputs({ functionName: this.function.name })
  }
}

/** An EventBridge rule (a schedule or an event pattern) invoking the function, and its permission. */
export function invokeOn(
  name: string,
  target: aws.lambda.Function,
  rule: { scheduleExpression?: string; eventPattern?: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
) {
  const eventRule = new aws.cloudwatch.EventRule(name, rule, opts)
  new aws.cloudwatch.EventTarget(name, { rule: eventRule.name, arn: target.arn }, opts)
  new aws.lambda.Permission(
    name,
    {
      action: 'lambda:InvokeFunction',
      function: target.name,
      principal: 'events.amazonaws.com',
      sourceArn: eventRule.arn,
    },
    opts,
  )
}

/** What AWSLambdaVPCAccessExecutionRole grants minus logging: ENIs cannot be named in advance. */
const vpcAccess: Statement = {
  Sid: 'VpcNetworkInterfaces',
  Action: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ],
  Resource: ['*'],
}
