import * as pulumi from '@pulumi/pulumi'

/** Cross-region inference profile ids start with a geography: `eu.`, `global.`, ... */
const PROFILE_ID = /^(us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/

/**
 * The ARN the app passes to Bedrock (DRAFT_MODEL_ARN) and the ARNs the caller must be allowed to
 * invoke. A cross-region profile routes to the model in other regions, so the role needs the
 * model in every region it may land in (`*` region, still one named model); a global profile
 * also needs the region-less model ARN, as AWS documents for global inference.
 */
export function draftModel(
  modelId: string,
  region: pulumi.Input<string>,
  accountId: pulumi.Input<string>,
): { arn: pulumi.Output<string>; invokeResources: pulumi.Output<string>[] } {
  const profile = PROFILE_ID.exec(modelId)
  if (!profile) {
    const arn = pulumi.interpolate`arn:aws:bedrock:${region}::foundation-model/${modelId}`
    return { arn, invokeResources: [arn] }
  }
  const [, geography, model] = profile
  const arn = pulumi.interpolate`arn:aws:bedrock:${region}:${accountId}:inference-profile/${modelId}`
  return {
    arn,
    invokeResources: [
      arn,
      pulumi.output(`arn:aws:bedrock:*::foundation-model/${model}`),
      ...(geography === 'global'
        ? [pulumi.output(`arn:aws:bedrock:::foundation-model/${model}`)]
        : []),
    ],
  }
}
