import { loadConfig } from '../../config.ts'
import { createDeps, type Deps } from '../../deps.ts'
import { createLambdaObservability, type LambdaObservability } from './observability.ts'

/**
 * Module-level state, on purpose: AWS reuses a warm container for many invocations, one at a
 * time, and everything built here (the config, the database pool, the SDK clients, the migration
 * check) is expensive to build and safe to share between them. Building it once per container,
 * lazily on the first invocation, is the one place a module singleton is right; tests bypass it
 * through the handler factories, which take their dependencies as arguments.
 */
let deps: Promise<Deps> | null = null
let observability: LambdaObservability | null = null

export function containerObservability(): LambdaObservability {
  observability ??= createLambdaObservability(loadConfig().LOG_LEVEL)
  return observability
}

/** The container's dependencies; a failed build is not cached, so the next invocation retries. */
export function containerDeps(): Promise<Deps> {
  if (deps) return deps
  const { logger, clientHook } = containerObservability()
  const building = createDeps(loadConfig(), { logger, awsClientHook: clientHook })
  deps = building
  building.catch(() => {
    if (deps === building) deps = null
  })
  return building
}

/** What every handler factory takes, bound to this container (observability built on first use). */
export function containerHandlerDeps() {
  return {
    deps: containerDeps,
    get observability() {
      return containerObservability()
    },
  }
}
