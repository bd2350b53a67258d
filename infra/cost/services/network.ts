import type { StackConfig } from '../../config.ts'
import { INTERFACE_ENDPOINT_SERVICES } from '../../endpoint-services.ts'
import type { Assumptions } from '../assumptions.ts'
import { KB_PER_GB, line, type ServiceLines } from '../line-item.ts'

function egressGb(config: StackConfig, assume: Assumptions): number {
  const u = config.expectedUsage
  const kb =
    u.ticketsPerMonth * assume.egressKbPerTicket +
    u.kbQueriesPerMonth * assume.egressKbPerKbQuery +
    u.draftsPerMonth * assume.egressKbPerDraft
  return kb / KB_PER_GB
}

/** NAT gateways (hours, GB processed, their public IPv4) or interface endpoints (per AZ-hour, GB). */
export const networkLines: ServiceLines = ({ config, prices, assume }) => {
  const p = prices.prices
  const azs = config.network.egressAzCount
  const gb = egressGb(config, assume)
  const traffic = `${assume.egressKbPerTicket} KB per ticket + ${assume.egressKbPerKbQuery} KB per KB query + ${assume.egressKbPerDraft} KB per draft`
  if (config.network.egress === 'nat') {
    return [
      line(
        'NAT gateways',
        `${azs} gateway(s), hours`,
        azs * assume.hoursPerMonth,
        p.natHour,
        `One per AZ × ${assume.hoursPerMonth} h.`,
      ),
      line(
        'NAT gateways',
        'Data processed',
        gb,
        p.natData,
        `${traffic} (SQS, Secrets Manager, Bedrock).`,
      ),
      line(
        'NAT gateways',
        'Public IPv4 addresses',
        azs * assume.hoursPerMonth,
        p.publicIpv4,
        'One Elastic IP per NAT gateway.',
      ),
    ]
  }
  const services = INTERFACE_ENDPOINT_SERVICES
  return [
    line(
      'Interface endpoints',
      `${services.length} endpoints × ${azs} AZ, hours`,
      services.length * azs * assume.hoursPerMonth,
      p.endpointHour,
      `${services.join(', ')}; S3 and DynamoDB use free gateway endpoints.`,
    ),
    line('Interface endpoints', 'Data processed', gb, p.endpointData, `${traffic}.`),
  ]
}
