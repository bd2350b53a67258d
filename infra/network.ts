import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface NetworkArgs {
  settings: StackConfig['network']
  /** Interface endpoints to create when egress is `interface-endpoints` (`sqs`, `bedrock-agent`...). */
  endpointServices: string[]
}

const CIDR = '10.40.0.0/16'
const PRIVATE_CIDRS = ['10.40.0.0/20', '10.40.16.0/20']
const PUBLIC_CIDRS = ['10.40.128.0/24', '10.40.129.0/24']

/**
 * A VPC over two AZs for the Lambdas that reach RDS. Private subnets only, unless egress is a
 * NAT: then public subnets, an internet gateway and `egressAzCount` NAT gateways (each private
 * subnet routes through the NAT in its AZ, or the single one). S3 and DynamoDB always go through
 * the free gateway endpoints; the other AWS APIs through interface endpoints in
 * `egressAzCount` AZs (each endpoint bills per AZ-hour) or through the NAT.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>
  readonly privateSubnetIds: pulumi.Output<string>[]
  /** The Lambdas' group: the database and the endpoints admit only this one. */
  readonly lambdaSecurityGroupId: pulumi.Output<string>

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:Network', name, {}, opts)
    const parent = { parent: this }
    const { settings } = args
    const region = aws.getRegionOutput({}, parent).region
    const zones = aws.getAvailabilityZonesOutput({ state: 'available' }, parent).names

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: CIDR, enableDnsHostnames: true, enableDnsSupport: true },
      parent,
    )
    this.vpcId = vpc.id
    const privateSubnets = PRIVATE_CIDRS.map(
      (cidrBlock, az) =>
        new aws.ec2.Subnet(
          `${name}-private-${az}`,
          { vpcId: vpc.id, cidrBlock, availabilityZone: zones.apply((names) => names[az] ?? '') },
          parent,
        ),
    )
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id)
    const privateRoutes = privateSubnets.map((subnet, az) => {
      const table = new aws.ec2.RouteTable(`${name}-private-${az}`, { vpcId: vpc.id }, parent)
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${az}`,
        { subnetId: subnet.id, routeTableId: table.id },
        parent,
      )
      return table
    })

    const lambdaGroup = new aws.ec2.SecurityGroup(
      `${name}-lambda`,
      {
        vpcId: vpc.id,
        description: 'Support-context Lambdas: HTTPS out (AWS APIs) and PostgreSQL inside the VPC',
        egress: [
          { protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] },
          { protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: [CIDR] },
        ],
      },
      parent,
    )
    this.lambdaSecurityGroupId = lambdaGroup.id

    for (const service of ['s3', 'dynamodb']) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: vpc.id,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Gateway',
          routeTableIds: privateRoutes.map((table) => table.id),
        },
        parent,
      )
    }

    const egressSubnets = privateSubnets.slice(0, settings.egressAzCount)
    if (settings.egress === 'interface-endpoints') {
      const endpointGroup = new aws.ec2.SecurityGroup(
        `${name}-endpoints`,
        {
          vpcId: vpc.id,
          description: 'Interface endpoints: HTTPS from the Lambdas only',
          ingress: [
            { protocol: 'tcp', fromPort: 443, toPort: 443, securityGroups: [lambdaGroup.id] },
          ],
        },
        parent,
      )
      for (const service of args.endpointServices) {
        new aws.ec2.VpcEndpoint(
          `${name}-${service}`,
          {
            vpcId: vpc.id,
            serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
            vpcEndpointType: 'Interface',
            privateDnsEnabled: true,
            subnetIds: egressSubnets.map((subnet) => subnet.id),
            securityGroupIds: [endpointGroup.id],
          },
          parent,
        )
      }
    } else {
      this.natEgress(name, vpc, zones, privateRoutes, settings.egressAzCount)
    }
    this.registerOutputs({ vpcId: this.vpcId })
  }

  private natEgress(
    name: string,
    vpc: aws.ec2.Vpc,
    zones: pulumi.Output<string[]>,
    privateRoutes: aws.ec2.RouteTable[],
    natCount: number,
  ) {
    const parent = { parent: this }
    const gateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id }, parent)
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }] },
      parent,
    )
    const nats = PUBLIC_CIDRS.slice(0, natCount).map((cidrBlock, az) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-public-${az}`,
        { vpcId: vpc.id, cidrBlock, availabilityZone: zones.apply((names) => names[az] ?? '') },
        parent,
      )
      new aws.ec2.RouteTableAssociation(
        `${name}-public-${az}`,
        { subnetId: subnet.id, routeTableId: publicRoutes.id },
        parent,
      )
      const ip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: 'vpc' }, parent)
      return new aws.ec2.NatGateway(
        `${name}-nat-${az}`,
        { subnetId: subnet.id, allocationId: ip.id },
        { parent: this, dependsOn: [gateway] },
      )
    })
    privateRoutes.forEach((table, az) => {
      // One NAT per AZ keeps an AZ outage from cutting the other AZ's egress; with one NAT,
      // both AZs share it (and pay cross-AZ transfer from the second AZ).
      const nat = nats[az] ?? nats[0]
      if (!nat) return
      new aws.ec2.Route(
        `${name}-private-${az}-egress`,
        { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id },
        { parent: this },
      )
    })
  }
}
