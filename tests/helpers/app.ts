import { createPgliteDatabase } from '../../app/adapters/sql/pglite.ts'
import { loadConfig } from '../../app/config.ts'
import { createApiKey } from '../../app/core/auth/api-keys.ts'
import { createDeps, type Deps } from '../../app/deps.ts'
import { createApp } from '../../app/http/app.ts'
import { createLogger } from '../../app/observability/logger.ts'
import { seedDatabase } from '../../app/seed/seed-database.ts'

export interface TestApp {
  app: ReturnType<typeof createApp>
  /** `app.request` with a valid API key (`apiKey`) added. */
  request(path: string, init?: RequestInit): Promise<Response>
  apiKey: string
  deps: Deps
  /** Every log line the app wrote, raw. */
  logs: string[]
  close(): Promise<void>
}

/**
 * The real app on an in-memory PGlite seeded with `customers` sample customers. The documents
 * folder defaults to the repo's sample documents; nothing is synced until a test asks.
 */
export async function createTestApp({
  env = {},
  customers = 30,
}: {
  env?: Record<string, string>
  customers?: number
} = {}): Promise<TestApp> {
  const logs: string[] = []
  const config = loadConfig({
    DATABASE_URL: 'pglite://memory',
    LOG_LEVEL: 'debug',
    KB_WATCH: 'false',
    ...env,
  })
  const db = await createPgliteDatabase()
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) })
  const deps = await createDeps(config, { db, logger })
  await seedDatabase({ db, interactions: deps.interactions, customers })
  const { key } = await createApiKey(db, { name: 'tests', ratePerMinute: 100_000, burst: 10_000 })
  const app = createApp(deps)
  return {
    app,
    apiKey: key,
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers)
      headers.set('authorization', `Bearer ${key}`)
      return app.request(path, { ...init, headers })
    },
    deps,
    logs,
    async close() {
      await deps.close()
      await db.close()
    },
  }
}
