import { z } from 'zod'

/**
 * The per-stack settings read from Pulumi.<stack>.yaml, parsed once so that a bad value fails
 * the preview with a message naming the key. Later issues add the cost-tier settings here.
 */
export const StackConfigSchema = z.object({
  environment: z.enum(['dev', 'staging', 'prod']),
  costCenter: z.string().min(1),
})

export type StackConfig = z.infer<typeof StackConfigSchema>

export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
  const result = StackConfigSchema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (i) => `support-context:${i.path.join('.')}: ${i.message}`,
  )
  throw new Error(`Invalid stack configuration: ${problems.join('; ')}`)
}

/** The tags every resource carries (cost allocation and ownership). */
export function standardTags(config: StackConfig, project: string): Record<string, string> {
  return {
    Project: project,
    Environment: config.environment,
    CostCenter: config.costCenter,
    ManagedBy: 'pulumi',
  }
}
