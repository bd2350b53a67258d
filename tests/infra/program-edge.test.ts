import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { type Json, queries, runProgram } from '../helpers/pulumi-program.ts'

// The edge, the database and the network of the whole program (index.ts) under Pulumi mocks,
// once per stack file (the rest: tests/infra/program.test.ts). Inputs as Pulumi would send
// them to AWS; whether AWS accepts them is not checked here (no account).

for (const stack of ['dev', 'prod'] as const) {
  describe(`the ${stack} stack's edge, database and network (under mocks)`, () => {
    let { all, one, lambda } = queries([], stack)
    let outputs: Record<string, unknown> = {}

    before(async () => {
      const run = await runProgram(stack)
      outputs = run.outputs
      ;({ all, one, lambda } = queries(run.resources, stack))
    })

    it('serves the HTTP function through a public Function URL behind CloudFront', () => {
      assert.equal(one('aws:lambda/functionUrl:FunctionUrl').inputs.authorizationType, 'NONE')
      const permissions = all('aws:lambda/permission:Permission').filter(
        (p) => p.inputs.principal === '*',
      )
      assert.deepEqual(permissions.map((p) => p.inputs.action).sort(), [
        'lambda:InvokeFunction',
        'lambda:InvokeFunctionUrl',
      ])
      const distribution = one('aws:cloudfront/distribution:Distribution').inputs
      const [origin] = distribution.origins
      assert.equal(origin.domainName, 'abc123.lambda-url.eu-west-2.on.aws')
      assert.equal(origin.customOriginConfig.originProtocolPolicy, 'https-only')
      const secret = lambda('http').inputs.environment.variables.ORIGIN_VERIFY_SECRET
      assert.deepEqual(origin.customHeaders, [{ name: 'x-origin-verify', value: secret }])
      assert.equal(distribution.priceClass, 'PriceClass_100')
      assert.equal(outputs.functionUrl, 'https://abc123.lambda-url.eu-west-2.on.aws/')
      assert.equal(outputs.apiUrl, 'https://d111111abcdef8.cloudfront.net')
    })

    it('caches only GET context, per caller, for the stack’s TTL; never the default behaviour', () => {
      const distribution = one('aws:cloudfront/distribution:Distribution').inputs
      const policy = one('aws:cloudfront/cachePolicy:CachePolicy')
      const [context] = distribution.orderedCacheBehaviors
      assert.equal(distribution.orderedCacheBehaviors.length, 1)
      assert.equal(context.pathPattern, '/tickets/*/context')
      assert.equal(context.cachePolicyId, `${policy.name}-id`)
      assert.deepEqual(context.allowedMethods, ['GET', 'HEAD', 'OPTIONS'])
      assert.deepEqual(
        { min: policy.inputs.minTtl, default: policy.inputs.defaultTtl, max: policy.inputs.maxTtl },
        { min: 0, default: 30, max: 30 },
      )
      const key = policy.inputs.parametersInCacheKeyAndForwardedToOrigin
      assert.deepEqual(key.headersConfig, {
        headerBehavior: 'whitelist',
        headers: { items: ['authorization', 'x-api-key'] },
      })
      assert.equal(key.queryStringsConfig.queryStringBehavior, 'none')
      assert.equal(key.cookiesConfig.cookieBehavior, 'none')
      const fallback = distribution.defaultCacheBehavior
      assert.equal(
        fallback.cachePolicyId,
        '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        'managed CachingDisabled',
      )
      assert.equal(
        fallback.originRequestPolicyId,
        'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        'AllViewerExceptHostHeader',
      )
      assert.ok(fallback.allowedMethods.includes('POST'))
      const edgeFunction = one('aws:cloudfront/function:Function')
      assert.equal(edgeFunction.inputs.runtime, 'cloudfront-js-2.0')
      assert.equal(
        edgeFunction.inputs.code,
        readFileSync(new URL('../../infra/edge/viewer-request.js', import.meta.url), 'utf8'),
      )
      for (const behaviour of [fallback, context])
        assert.deepEqual(behaviour.functionAssociations, [
          { eventType: 'viewer-request', functionArn: edgeFunction.state.arn },
        ])
    })

    it('puts the database in private subnets, reachable only from the Lambdas', () => {
      const db = one('aws:rds/instance:Instance').inputs
      assert.equal(db.manageMasterUserPassword, true)
      assert.equal(db.password, undefined)
      assert.equal(db.publiclyAccessible, false)
      assert.equal(db.multiAz, stack === 'prod')
      assert.equal(db.deletionProtection, stack === 'prod')
      assert.equal(db.skipFinalSnapshot, stack === 'dev')
      assert.equal(db.instanceClass, stack === 'dev' ? 'db.t4g.micro' : 'db.t4g.medium')
      assert.equal(db.maxAllocatedStorage, stack === 'dev' ? 0 : 500)
      const group = one('aws:ec2/securityGroup:SecurityGroup', '-db')
      const lambdaGroup = one('aws:ec2/securityGroup:SecurityGroup', '-lambda')
      assert.deepEqual(
        group.inputs.ingress.map((rule: Json) => [rule.fromPort, rule.securityGroups]),
        [[5432, [`${lambdaGroup.name}-id`]]],
      )
    })

    it('reaches AWS APIs through endpoints (dev) or a NAT per AZ (prod)', () => {
      const endpoints = all('aws:ec2/vpcEndpoint:VpcEndpoint')
      const gateways = endpoints.filter((e) => e.inputs.vpcEndpointType === 'Gateway')
      assert.deepEqual(gateways.map((e) => e.inputs.serviceName.split('.').pop()).sort(), [
        'dynamodb',
        's3',
      ])
      const interfaces = endpoints.filter((e) => e.inputs.vpcEndpointType === 'Interface')
      const nats = all('aws:ec2/natGateway:NatGateway')
      if (stack === 'dev') {
        assert.deepEqual(
          interfaces
            .map((e) => e.inputs.serviceName.replace('com.amazonaws.eu-west-2.', ''))
            .sort(),
          ['bedrock-agent', 'bedrock-agent-runtime', 'secretsmanager', 'sqs'],
        )
        for (const endpoint of interfaces) assert.equal(endpoint.inputs.subnetIds.length, 1)
        assert.equal(nats.length, 0)
      } else {
        assert.equal(interfaces.length, 0)
        assert.equal(nats.length, 2)
        assert.equal(all('aws:ec2/internetGateway:InternetGateway').length, 1)
      }
    })
  })
}

describe('origin secret rotation (under mocks)', () => {
  const secretVersions = (
    resources: { type: string; name: string; state: Record<string, unknown> }[],
  ) => resources.filter((r) => r.type === 'aws:secretsmanager/secretVersion:SecretVersion')

  it('step 1 keeps the previous value for the app and sends only the new one from the edge', async () => {
    const run = await runProgram('prod', (settings) => {
      settings.api = {
        ...(settings.api as object),
        originSecretVersion: 2,
        originSecretKeepPrevious: true,
      }
    })
    const { one, lambda } = queries(run.resources, 'prod')
    const versions = secretVersions(run.resources)
    assert.deepEqual(versions.map((v) => v.name).sort(), ['origin-secret-v1', 'origin-secret-v2'])
    const secretOf = (name: string) => versions.find((v) => v.name === name)?.state.secretString
    const env = lambda('http').inputs.environment.variables
    assert.equal(env.ORIGIN_VERIFY_SECRET, secretOf('origin-secret-v2'))
    assert.equal(env.ORIGIN_VERIFY_SECRET_PREVIOUS, secretOf('origin-secret-v1'))
    assert.notEqual(env.ORIGIN_VERIFY_SECRET, env.ORIGIN_VERIFY_SECRET_PREVIOUS)
    const [origin] = one('aws:cloudfront/distribution:Distribution').inputs.origins
    assert.deepEqual(origin.customHeaders, [
      { name: 'x-origin-verify', value: secretOf('origin-secret-v2') },
    ])
  })

  it('step 2 (and every stack at rest) declares one version and no previous value', async () => {
    const run = await runProgram('prod', (settings) => {
      settings.api = { ...(settings.api as object), originSecretVersion: 2 }
    })
    assert.deepEqual(
      secretVersions(run.resources).map((v) => v.name),
      ['origin-secret-v2'],
    )
    const env = queries(run.resources, 'prod').lambda('http').inputs.environment.variables
    assert.equal(env.ORIGIN_VERIFY_SECRET_PREVIOUS, undefined)
  })
})
