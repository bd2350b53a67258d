import type { Context } from 'hono'
import { AppError } from '../../core/errors.ts'
import { type PanelClaims, verifyPanelToken } from '../../core/panel/token.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'

/**
 * The panel's own authentication, instead of an API key: a panel token for `ticketId` in
 * `Authorization: Bearer` (the page's script) or `?token=` (the iframe URL). Each agent gets
 * the API keys' token bucket, so a looping page cannot flood us.
 */
export function authorizePanel(
  c: Context<AppEnv>,
  deps: Pick<Deps, 'config' | 'rateLimiter'>,
  secret: Uint8Array,
  ticketId: string,
): PanelClaims {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const claims = verifyPanelToken(secret, bearer ?? c.req.query('token'), ticketId)
  const verdict = deps.rateLimiter.take(`panel:${claims.agentId}`, {
    ratePerMinute: deps.config.API_KEY_RATE_PER_MINUTE,
    burst: deps.config.API_KEY_BURST,
  })
  if (!verdict.allowed) {
    c.header('retry-after', String(verdict.retryAfterSeconds))
    throw new AppError('rate_limited', 'Too many panel requests; retry later')
  }
  return claims
}
