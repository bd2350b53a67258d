import { KB_PER_GB, line, MILLION, type ServiceLines } from '../line-item.ts'
import { traffic } from '../usage.ts'

const SERVICE = 'CloudFront + Function URL'

/**
 * Every API call passes CloudFront (HTTPS requests, the viewer-request function, bytes out);
 * cache misses go on to the Function URL, which has no charge of its own.
 */
export const edgeLines: ServiceLines = ({ config, prices, assume }) => {
  const t = traffic(config)
  const p = prices.prices
  const region =
    config.api.priceClass === 'PriceClass_100'
      ? 'PriceClass_100; Europe edge rates (viewers in Europe)'
      : `${config.api.priceClass}; Europe edge rates used, other regions cost more`
  return [
    line(
      SERVICE,
      'HTTPS requests',
      t.edgeRequests / 10_000,
      p.cloudFrontHttps,
      `${t.edgeRequests.toLocaleString('en-US')} requests: every context read, ticket post, agent KB search and draft. ${region}.`,
      'cloudFrontRequests',
    ),
    line(
      SERVICE,
      'CloudFront Function invocations',
      t.edgeRequests / MILLION,
      p.cloudFrontFunctions,
      'One viewer-request invocation per request (credentials check, correlation id, cache key).',
      'cloudFrontFunctions',
    ),
    line(
      SERVICE,
      'Data transfer out',
      (t.edgeRequests * assume.responseKb) / KB_PER_GB,
      p.cloudFrontOut,
      `${assume.responseKb} KB per response.`,
      'cloudFrontOut',
    ),
    line(
      SERVICE,
      'Data transfer to origin',
      (t.originRequests * assume.originRequestKb) / KB_PER_GB,
      p.cloudFrontToOrigin,
      `${assume.originRequestKb} KB per request forwarded (cache misses and POSTs).`,
    ),
    line(
      SERVICE,
      'Function URL',
      t.originRequests,
      p.functionUrl,
      'No separate charge: billed as Lambda requests and duration.',
    ),
  ]
}
