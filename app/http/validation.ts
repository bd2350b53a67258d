import type { Hook } from '@hono/zod-openapi'
import type { AppEnv } from './env.ts'
import { fromZodError } from './errors.ts'

/** Every route's zod failure becomes the one invalid_request error shape (thrown to onError). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw fromZodError(result.error, result.target)
}
