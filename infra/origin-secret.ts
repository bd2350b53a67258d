import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'

export interface OriginSecretArgs {
  /** Bumping it creates a new random value (a new version resource); see decision 0004. */
  version: number
}

/**
 * The value CloudFront sends to the origin as `x-origin-verify` and the app compares in constant
 * time (ORIGIN_VERIFY_SECRET). Secrets Manager generates it (GetRandomPassword; @pulumi/random is
 * not a dependency) and keeps it where operators can read it. The generator returns a new value
 * on every run, so the version ignores later changes: the value is drawn once per `version`.
 */
export class OriginSecret extends pulumi.ComponentResource {
  readonly value: pulumi.Output<string>
  readonly secretArn: pulumi.Output<string>

  constructor(name: string, args: OriginSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:OriginSecret', name, {}, opts)
    const parent = { parent: this }
    const secret = new aws.secretsmanager.Secret(
      name,
      { description: 'CloudFront → Lambda origin header (x-origin-verify); decision 0004' },
      parent,
    )
    // Letters and digits only: header-safe, and 48 of them is ~285 bits.
    const generated = aws.secretsmanager.getRandomPasswordOutput(
      { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      parent,
    )
    const version = new aws.secretsmanager.SecretVersion(
      `${name}-v${args.version}`,
      { secretId: secret.id, secretString: pulumi.secret(generated.randomPassword) },
      { parent: this, ignoreChanges: ['secretString'] },
    )
    this.secretArn = secret.arn
    this.value = pulumi.secret(version.secretString.apply((value) => value ?? ''))
    this.registerOutputs({ secretArn: this.secretArn })
  }
}
