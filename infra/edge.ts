import { readFileSync } from 'node:fs'
import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface EdgeArgs {
  settings: StackConfig['api']
  httpFunction: aws.lambda.Function
  /** Sent to the origin as `x-origin-verify` (decision 0004). */
  originVerifySecret: pulumi.Input<string>
}

/** AWS-managed policies, documented ids (the same in every account). */
export const MANAGED = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
}
export const CONTEXT_PATH_PATTERN = '/tickets/*/context'
const ORIGIN_ID = 'http-api'

/** The viewer-request function's source, loaded as is (tests run the same text). */
export const viewerRequestCode = readFileSync(
  new URL('./edge/viewer-request.js', import.meta.url),
  'utf8',
)

/**
 * The HTTP Lambda's Function URL behind CloudFront. The URL's auth type is NONE: CloudFront
 * cannot sign requests for it without origin access control, and OAC makes Lambda demand
 * `x-amz-content-sha256` on every POST body, which helpdesks never send (decision 0004). The
 * app authenticates every request itself and refuses any that lacks the origin header.
 *
 * Behaviours: `GET /tickets/{id}/context` is cached for `contextCacheTtlSeconds`, keyed on the
 * caller's credentials (`authorization`, `x-api-key`) and nothing else; everything else (POSTs,
 * webhooks, the panel) goes through uncached with every viewer header but Host (a Function URL
 * answers only to its own host name).
 */
export class Edge extends pulumi.ComponentResource {
  readonly functionUrl: pulumi.Output<string>
  readonly domainName: pulumi.Output<string>
  readonly distributionId: pulumi.Output<string>

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:Edge', name, {}, opts)
    const parent = { parent: this }
    const { settings, httpFunction } = args
    const url = new aws.lambda.FunctionUrl(
      name,
      { functionName: httpFunction.name, authorizationType: 'NONE', invokeMode: 'BUFFERED' },
      parent,
    )
    // Since October 2025 a public Function URL needs both permissions.
    new aws.lambda.Permission(
      `${name}-url`,
      {
        function: httpFunction.name,
        action: 'lambda:InvokeFunctionUrl',
        principal: '*',
        functionUrlAuthType: 'NONE',
      },
      parent,
    )
    new aws.lambda.Permission(
      `${name}-url-invoke`,
      {
        function: httpFunction.name,
        action: 'lambda:InvokeFunction',
        principal: '*',
        invokedViaFunctionUrl: true,
      },
      parent,
    )
    this.functionUrl = url.functionUrl

    const viewerRequest = new aws.cloudfront.Function(
      `${name}-viewer-request`,
      {
        runtime: 'cloudfront-js-2.0',
        comment:
          'Rejects requests without credentials, adds a correlation id, normalises the cache key',
        code: viewerRequestCode,
        publish: true,
      },
      parent,
    )
    const functionAssociations = [{ eventType: 'viewer-request', functionArn: viewerRequest.arn }]
    const ttl = settings.contextCacheTtlSeconds
    // A TTL of 0 means "do not cache": CloudFront refuses key headers in a policy with all TTLs
    // at 0, and the managed CachingDisabled policy forwards the credentials anyway.
    const contextCachePolicyId =
      ttl === 0
        ? pulumi.output(MANAGED.cachingDisabled)
        : new aws.cloudfront.CachePolicy(
            `${name}-context`,
            {
              comment: 'GET /tickets/{id}/context: short TTL, one copy per caller',
              minTtl: 0,
              defaultTtl: ttl,
              maxTtl: ttl,
              parametersInCacheKeyAndForwardedToOrigin: {
                headersConfig: {
                  headerBehavior: 'whitelist',
                  headers: { items: ['authorization', 'x-api-key'] },
                },
                cookiesConfig: { cookieBehavior: 'none' },
                queryStringsConfig: { queryStringBehavior: 'none' },
                enableAcceptEncodingGzip: true,
                enableAcceptEncodingBrotli: true,
              },
            },
            parent,
          ).id

    const distribution = new aws.cloudfront.Distribution(
      name,
      {
        enabled: true,
        comment: 'Support-context API',
        priceClass: settings.priceClass,
        isIpv6Enabled: true,
        httpVersion: 'http2and3',
        origins: [
          {
            originId: ORIGIN_ID,
            domainName: url.functionUrl.apply((value) => new URL(value).host),
            customOriginConfig: {
              httpPort: 80,
              httpsPort: 443,
              originProtocolPolicy: 'https-only',
              originSslProtocols: ['TLSv1.2'],
              // At least CloudFront's default of 30 s, and past the function's own timeout.
              originReadTimeout: Math.min(60, Math.max(30, settings.timeoutSeconds + 5)),
            },
            customHeaders: [{ name: 'x-origin-verify', value: args.originVerifySecret }],
          },
        ],
        defaultCacheBehavior: {
          targetOriginId: ORIGIN_ID,
          viewerProtocolPolicy: 'https-only',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: MANAGED.cachingDisabled,
          originRequestPolicyId: MANAGED.allViewerExceptHostHeader,
          compress: true,
          functionAssociations,
        },
        orderedCacheBehaviors: [
          {
            pathPattern: CONTEXT_PATH_PATTERN,
            targetOriginId: ORIGIN_ID,
            viewerProtocolPolicy: 'https-only',
            allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
            cachedMethods: ['GET', 'HEAD'],
            cachePolicyId: contextCachePolicyId,
            originRequestPolicyId: MANAGED.allViewerExceptHostHeader,
            compress: true,
            functionAssociations,
          },
        ],
        // CloudFront caches origin errors for 10 s by default; an error must never be replayed
        // to other requests (a 404 right before the ticket exists, a passing 503).
        customErrorResponses: [400, 403, 404, 405, 500, 502, 503, 504].map((errorCode) => ({
          errorCode,
          errorCachingMinTtl: 0,
        })),
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
      },
      parent,
    )
    this.domainName = distribution.domainName
    this.distributionId = distribution.id
    this.registerOutputs({ domainName: this.domainName, functionUrl: this.functionUrl })
  }
}
