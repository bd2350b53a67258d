import * as pulumi from '@pulumi/pulumi'

/**
 * Adds the standard tags to every resource that takes `tags`, below the component it is given
 * to. Generated resource classes list every input they accept in `props` (unset ones as
 * undefined), so `'tags' in props` tells a taggable resource apart without a list of types to
 * keep up to date. The standard keys win over a resource's own tags: cost allocation must not
 * depend on each call site remembering them.
 *
 * A transformation rather than the provider's `defaultTags` so that the tags are inputs of each
 * resource, visible to the mock tests and to `pulumi preview`, not merged inside the provider.
 */
export function tagEverything(tags: Record<string, string>): pulumi.ResourceTransformation {
  return ({ props, opts }) => {
    if (!('tags' in props)) return undefined
    const own = props.tags as pulumi.Input<Record<string, pulumi.Input<string>>> | undefined
    const merged = pulumi.output(own ?? {}).apply((existing) => ({ ...existing, ...tags }))
    return { props: { ...props, tags: merged }, opts }
  }
}
