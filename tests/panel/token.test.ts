import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../app/core/errors.ts'
import { mintPanelToken, panelTokenSecret, verifyPanelToken } from '../../app/core/panel/token.ts'
import { createLogger } from '../../app/observability/logger.ts'

const secret = Buffer.from('unit-test-secret-0123456789abcdef')
const now = new Date('2026-11-20T10:00:00.000Z')
const claims = { ticketId: 'zendesk:35436', agentId: 'agent-7', ttlSeconds: 900 }

const refused = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error) => {
    assert.ok(error instanceof AppError)
    assert.equal(error.code, 'unauthorized')
    assert.match(error.message, message)
    return true
  })

describe('panel tokens', () => {
  it('round-trips the ticket, the agent and the expiry', () => {
    const { token, expiresAt } = mintPanelToken(secret, claims, now)
    assert.match(token, /^pt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    assert.equal(expiresAt.toISOString(), '2026-11-20T10:15:00.000Z')
    assert.deepEqual(verifyPanelToken(secret, token, 'zendesk:35436', now), {
      ticketId: 'zendesk:35436',
      agentId: 'agent-7',
      expiresAt,
    })
  })

  it('refuses a token once it has expired', () => {
    const { token } = mintPanelToken(secret, claims, now)
    const later = new Date(now.getTime() + 900_000)
    refused(() => verifyPanelToken(secret, token, 'zendesk:35436', later), /expired/)
  })

  it('refuses a token minted for another ticket', () => {
    const { token } = mintPanelToken(secret, claims, now)
    refused(() => verifyPanelToken(secret, token, 'zendesk:35437', now), /another ticket/)
  })

  it('refuses a token signed with another secret, tampered with, or malformed', () => {
    const { token } = mintPanelToken(Buffer.from('another-secret-0123456789abcdefgh'), claims, now)
    refused(() => verifyPanelToken(secret, token, 'zendesk:35436', now), /Invalid/)
    const genuine = mintPanelToken(secret, claims, now).token
    const [prefix, , signature] = genuine.split('.')
    const forged = Buffer.from(JSON.stringify({ tkt: 'zendesk:35436', agt: 'boss', exp: 9e9 }))
    const tampered = `${prefix}.${forged.toString('base64url')}.${signature}`
    refused(() => verifyPanelToken(secret, tampered, 'zendesk:35436', now), /Invalid/)
    for (const bad of [
      '',
      'pt1',
      'pt1..',
      `pt2${genuine.slice(3)}`,
      `${genuine}x`,
      'a'.repeat(5000),
    ])
      refused(() => verifyPanelToken(secret, bad, 'zendesk:35436', now), /Invalid|Missing/)
    refused(() => verifyPanelToken(secret, undefined, 'zendesk:35436', now), /Missing/)
  })

  it('draws a random secret per process, with a warning, when none is configured', () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'info', write: (line) => lines.push(line) })
    const drawn = panelTokenSecret(undefined, logger)
    assert.equal(drawn.length, 32)
    assert.notDeepEqual(drawn, panelTokenSecret(undefined, logger))
    assert.match(lines[0] ?? '', /"level":"warn".*PANEL_TOKEN_SECRET is not set/)
    assert.deepEqual(panelTokenSecret('x'.repeat(32), logger), Buffer.from('x'.repeat(32)))
    assert.equal(lines.length, 2)
  })
})
