import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'

/** One IAM statement; resources are named ARNs unless the action has no resource type. */
export interface Statement {
  Sid?: string
  Effect?: 'Allow' | 'Deny'
  Action: string[]
  Resource: pulumi.Input<pulumi.Input<string>[]>
  Condition?: Record<string, Record<string, pulumi.Input<string | string[]>>>
}

/** A policy document as JSON, resolving the Outputs (ARNs) inside it. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({ Effect: 'Allow', ...statement })),
  })
}

/** A role the given AWS service assumes, with an optional condition on the trust statement. */
export function serviceRole(
  name: string,
  service: string,
  opts: pulumi.CustomResourceOptions,
  condition?: Statement['Condition'],
): aws.iam.Role {
  return new aws.iam.Role(
    name,
    {
      assumeRolePolicy: pulumi.jsonStringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: service },
            Action: 'sts:AssumeRole',
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      }),
    },
    opts,
  )
}

/** The account and region the stack deploys to (invokes, resolved once per component). */
export function awsContext(opts: pulumi.InvokeOutputOptions) {
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    region: aws.getRegionOutput({}, opts).region,
  }
}
