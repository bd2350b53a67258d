import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'

export interface OriginSecretArgs {
  /** Bumping it creates a new random value (a new version resource); see decision 0004. */
  version: number
  /** Keeps version - 1 (its value unchanged) for the app to accept during a rotation. */
  keepPrevious: boolean
}

/**
 * The value CloudFront sends to the origin as `x-origin-verify` and the app compares in constant
 * time (ORIGIN_VERIFY_SECRET). Secrets Manager generates it (GetRandomPassword; @pulumi/random is
 * not a dependency) and keeps it where operators can read it: one value per `version`.
 */
export class OriginSecret extends pulumi.ComponentResource {
  readonly value: pulumi.Output<string>
  /** The previous version's value, while a rotation keeps it (step 1). */
  readonly previousValue: pulumi.Output<string> | undefined
  readonly secretArn: pulumi.Output<string>

  constructor(name: string, args: OriginSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:OriginSecret', name, {}, opts)
    const parent = { parent: this }
    const secret = new aws.secretsmanager.Secret(
      name,
      { description: 'CloudFront → Lambda origin header (x-origin-verify); decision 0004' },
      parent,
    )
    /**
     * Version n of the value. The generator returns a new value on every run, so the version
     * ignores later changes: its value is drawn once, when the resource is first created, and
     * declaring the same version again (the previous one, during a rotation) keeps that value.
     */
    const versionOf = (n: number) => {
      // Letters and digits only: header-safe, and 48 of them is ~285 bits.
      const generated = aws.secretsmanager.getRandomPasswordOutput(
        { passwordLength: 48, excludePunctuation: true, includeSpace: false },
        parent,
      )
      const version = new aws.secretsmanager.SecretVersion(
        `${name}-v${n}`,
        { secretId: secret.id, secretString: pulumi.secret(generated.randomPassword) },
        { parent: this, ignoreChanges: ['secretString'], dependsOn: [...versions] },
      )
      versions.push(version)
      return pulumi.secret(version.secretString.apply((value) => value ?? ''))
    }
    const versions: aws.secretsmanager.SecretVersion[] = []
    // The previous version first, so the current one is created last and holds AWSCURRENT (on
    // the rotation's path; a version deleted in step 2 cannot be declared back with its value).
    this.previousValue =
      args.keepPrevious && args.version > 1 ? versionOf(args.version - 1) : undefined
    this.value = versionOf(args.version)
    this.secretArn = secret.arn
    this.registerOutputs({ secretArn: this.secretArn })
  }
}
