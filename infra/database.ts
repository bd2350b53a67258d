import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface DatabaseArgs {
  settings: StackConfig['database']
  vpcId: pulumi.Input<string>
  subnetIds: pulumi.Input<string>[]
  /** The only group allowed to open PostgreSQL connections. */
  clientSecurityGroupId: pulumi.Input<string>
}

/** The database the app creates its tables in (app/adapters/sql migrations). */
export const DATABASE_NAME = 'support_context'

/**
 * RDS PostgreSQL in the private subnets. `manageMasterUserPassword`: RDS generates the password
 * into a Secrets Manager secret it owns and rotates (7 days by default); nothing in Pulumi state
 * or config ever holds it. That secret holds only `username` and `password`, so the host, port
 * and database name reach the app as DATABASE_HOST/PORT/NAME beside DATABASE_SECRET_ARN.
 */
export class Database extends pulumi.ComponentResource {
  readonly host: pulumi.Output<string>
  readonly port: pulumi.Output<number>
  readonly secretArn: pulumi.Output<string>
  readonly instanceId: pulumi.Output<string>

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:Database', name, {}, opts)
    const parent = { parent: this }
    const { settings } = args
    const group = new aws.ec2.SecurityGroup(
      `${name}-db`,
      {
        vpcId: args.vpcId,
        description: 'PostgreSQL from the Lambdas only',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            securityGroups: [args.clientSecurityGroupId],
          },
        ],
      },
      parent,
    )
    const subnets = new aws.rds.SubnetGroup(`${name}-db`, { subnetIds: args.subnetIds }, parent)
    const autoscaling = settings.maxAllocatedStorageGb > settings.allocatedStorageGb
    const instance = new aws.rds.Instance(
      `${name}-db`,
      {
        engine: 'postgres',
        engineVersion: settings.engineVersion,
        instanceClass: settings.instanceClass,
        allocatedStorage: settings.allocatedStorageGb,
        // 0 turns storage autoscaling off (a ceiling equal to the size means "don't grow").
        maxAllocatedStorage: autoscaling ? settings.maxAllocatedStorageGb : 0,
        storageType: 'gp3',
        storageEncrypted: true,
        dbName: DATABASE_NAME,
        username: 'support_admin',
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [group.id],
        publiclyAccessible: false,
        multiAz: settings.multiAz,
        backupRetentionPeriod: settings.backupRetentionDays,
        deletionProtection: settings.deletionProtection,
        skipFinalSnapshot: !settings.finalSnapshot,
        ...(settings.finalSnapshot ? { finalSnapshotIdentifier: `${name}-final` } : {}),
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        // Changes wait for the maintenance window instead of restarting production mid-day.
        applyImmediately: false,
      },
      // Destroying a protected database must be a deliberate edit of the stack file first.
      { parent: this, protect: settings.deletionProtection },
    )
    this.host = instance.address
    this.port = instance.port
    this.instanceId = instance.identifier
    this.secretArn = instance.masterUserSecrets.apply((secrets) => {
      const arn = secrets[0]?.secretArn
      // Unknown during a first preview; always set once RDS has created the secret.
      return arn ?? ''
    })
    this.registerOutputs({ host: this.host, secretArn: this.secretArn })
  }
}
