import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { Logger } from '../../observability/logger.ts'
import { AppError } from '../errors.ts'

/**
 * Panel tokens let a helpdesk iframe call us without an API key in the page:
 * `pt1.<base64url JSON claims>.<base64url HMAC-SHA256 of "pt1.<claims>">`. Stateless, so any
 * process holding the same secret accepts them; short-lived, since they travel in a URL.
 */
const PREFIX = 'pt1'
const MAX_TOKEN_LENGTH = 2_048

export interface PanelClaims {
  /** The ticket reference the token was minted for, exactly as the panel URL carries it. */
  ticketId: string
  agentId: string
  expiresAt: Date
}

const Claims = z.object({ tkt: z.string().min(1), agt: z.string().min(1), exp: z.number().int() })

const sign = (secret: Uint8Array, data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url')

export function mintPanelToken(
  secret: Uint8Array,
  claims: { ticketId: string; agentId: string; ttlSeconds: number },
  now = new Date(),
): { token: string; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + claims.ttlSeconds
  const json = JSON.stringify({ tkt: claims.ticketId, agt: claims.agentId, exp })
  const signed = `${PREFIX}.${Buffer.from(json).toString('base64url')}`
  return { token: `${signed}.${sign(secret, signed)}`, expiresAt: new Date(exp * 1000) }
}

/** The token's claims when it is genuine, unexpired and minted for `ticketId`; else unauthorized. */
export function verifyPanelToken(
  secret: Uint8Array,
  token: string | undefined,
  ticketId: string,
  now = new Date(),
): PanelClaims {
  if (!token) throw new AppError('unauthorized', 'Missing panel token: reopen the panel')
  const claims = genuineClaims(secret, token)
  if (!claims) throw new AppError('unauthorized', 'Invalid panel token')
  if (claims.exp * 1000 <= now.getTime())
    throw new AppError('unauthorized', 'Panel token expired: reopen the panel')
  if (claims.tkt !== ticketId)
    throw new AppError('unauthorized', 'Panel token was issued for another ticket')
  return { ticketId: claims.tkt, agentId: claims.agt, expiresAt: new Date(claims.exp * 1000) }
}

function genuineClaims(secret: Uint8Array, token: string): z.infer<typeof Claims> | null {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : []
  const [prefix, payload, signature] = parts
  if (parts.length !== 3 || prefix !== PREFIX || !payload || !signature) return null
  const expected = Buffer.from(sign(secret, `${prefix}.${payload}`))
  const presented = Buffer.from(signature)
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return null
  try {
    const parsed = Claims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The configured secret, or a random one for this process: fine on one laptop, but tokens then
 * die with the process and are refused by its siblings, so say so once.
 */
export function panelTokenSecret(configured: string | undefined, logger: Logger): Uint8Array {
  if (configured) return Buffer.from(configured)
  logger.warn(
    'PANEL_TOKEN_SECRET is not set: panel tokens use a per-process random key and will not survive a restart or work across processes',
  )
  return randomBytes(32)
}
