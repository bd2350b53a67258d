import { processTicket } from '../../app/core/tickets/process-ticket.ts'
import type { TicketRequest } from '../../app/core/tickets/ticket-request.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { readJson } from '../helpers/http.ts'
import { ticketRequest } from '../helpers/tickets.ts'

/** A fixed secret, so tests can forge expired tokens with the real signing code. */
export const PANEL_SECRET = Buffer.from('panel-tests-secret-0123456789abcdef')

/** The test app with the knowledge base synced and (unless `secret: false`) a known panel secret. */
export async function createPanelApp({
  env = {},
  secret = true,
}: {
  env?: Record<string, string>
  secret?: boolean
} = {}): Promise<TestApp> {
  const panelEnv: Record<string, string> = secret
    ? { PANEL_TOKEN_SECRET: PANEL_SECRET.toString() }
    : {}
  const t = await createTestApp({ customers: 5, env: { ...panelEnv, ...env } })
  await t.deps.knowledgeBase.startSync('manual')
  await t.deps.syncRunner.idle()
  return t
}

export const postJson = async (
  send: (path: string, init: RequestInit) => Response | Promise<Response>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

/** Takes a ticket in through POST /tickets and, unless told not to, processes it like the worker. */
export async function seedTicket(
  t: TestApp,
  overrides: Partial<TicketRequest>,
  { processed = true } = {},
): Promise<string> {
  const response = await postJson(t.request, '/tickets', ticketRequest(overrides))
  const { ticket_id } = await readJson(response)
  if (processed)
    await processTicket(t.deps.processing, {
      ticketId: ticket_id,
      correlationId: 'corr-panel-test',
    })
  return ticket_id
}

export interface Minted {
  token: string
  expires_at: string
  url: string
}

/** POST /panel/tokens with the API key; `url` is the page, token included. */
export async function mintToken(
  t: TestApp,
  ticketId: string,
  { agentId = 'agent-7', ttlSeconds }: { agentId?: string; ttlSeconds?: number } = {},
): Promise<Minted> {
  const response = await postJson(t.request, '/panel/tokens', {
    ticket_id: ticketId,
    agent_id: agentId,
    ...(ttlSeconds ? { ttl_seconds: ttlSeconds } : {}),
  })
  if (response.status !== 200) throw new Error(`mint failed: ${response.status}`)
  return readJson(response)
}

/** The page path and query of a minted URL, for `app.request`. */
export const pagePath = (url: string) => {
  const parsed = new URL(url)
  return parsed.pathname + parsed.search
}

export async function verdictsOf(t: TestApp, ticketId: string, agentId = 'agent-7') {
  return t.deps.db.query<{ chunk_id: string; verdict: string }>(
    'SELECT chunk_id, verdict FROM ticket_feedback WHERE ticket_id = $1 AND agent_id = $2',
    [ticketId, agentId],
  )
}
