import type { DrillDatabase } from './database.ts'
import { checkStored, rowCounts, runFuzz } from './fuzz.ts'
import { operationsOf } from './fuzz-requests.ts'
import { startHubSpotFake } from './hubspot-fake.ts'
import { type DrillResult, expect, result } from './report.ts'
import { startServer } from './server.ts'
import { emptyCounts } from './tickets.ts'
import { webhookSecretEnv } from './webhook-signing.ts'

/**
 * Bad input over HTTP against the real server: every operation of its OpenAPI document and every
 * webhook vendor, zero 5xx, every error in the error shape, nothing stored from a rejection.
 */
export async function fuzzDrill({
  database,
  cases,
  seed,
}: {
  database: DrillDatabase
  cases: number
  seed?: number
}): Promise<DrillResult> {
  const started = performance.now()
  const name = 'bad input fuzzing'
  const hubspot = await startHubSpotFake()
  const server = await startServer(name, {
    ...database.env,
    ...webhookSecretEnv(),
    WORKER_ENABLED: 'false',
    HUBSPOT_ACCESS_TOKEN: 'drill-token',
    HUBSPOT_API_URL: hubspot.url,
  })
  try {
    const key = await database.apiKey()
    const ctx = await fuzzContext(server.origin, key)
    const doc = await (await fetch(`${server.origin}/openapi.json`)).json()
    const before = await database.use(rowCounts)
    const fuzz = await runFuzz({
      send: (r) =>
        fetch(`${server.origin}${r.path}`, { method: r.method, headers: r.headers, body: r.body }),
      operations: operationsOf(doc),
      ctx,
      cases,
      seed,
    })
    const after = await database.use(rowCounts)
    const problems = [
      ...new Set(fuzz.failures.map((f) => `${f.operation}: ${f.problem.slice(0, 160)}`)),
    ]
    problems.push(...checkStored(before, after, fuzz))
    const unreached = Object.entries(fuzz.perOperation).filter(([, n]) => n === 0)
    expect(
      problems,
      unreached.length === 0,
      `operations never tried: ${unreached.map(([op]) => op)}`,
    )
    expect(problems, (await server.stop()) === 0, 'the server did not stop cleanly')
    const counts = { ...emptyCounts(), requests: fuzz.requests, ...fuzz.status }
    counts.errors = fuzz.failures.filter((f) => f.status === 0).length
    return result(name, started, counts, {
      problems,
      details: {
        seed: fuzz.seed,
        cases,
        operations: fuzz.perOperation,
        accepted_and_stored: fuzz.accepted,
        oversized_uploads_cut_off: fuzz.refusedUploads,
        requests_resent_after_connection_close: fuzz.connectionResets,
        first_failures: fuzz.failures.slice(0, 10),
      },
    })
  } finally {
    await server.kill()
    await hubspot.close()
  }
}

/** A ticket to aim valid references at, and a panel token for it. */
export async function fuzzContext(
  origin: string,
  apiKey: string,
  request: (path: string, init: RequestInit) => Promise<Response> = (path, init) =>
    fetch(`${origin}${path}`, init),
) {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  await request('/tickets', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      external_ticket_id: 'FUZZ-BASE',
      customer_external_id: 'CUST-00002',
      subject: 'Fuzzing base ticket',
      created_at: '2026-01-01T00:00:00Z',
    }),
  })
  const minted = await request('/panel/tokens', {
    method: 'POST',
    headers,
    body: JSON.stringify({ ticket_id: 'api:FUZZ-BASE', agent_id: 'agent-7' }),
  })
  const { token } = (await minted.json()) as { token: string }
  return { origin, apiKey, ticketRef: 'api:FUZZ-BASE', panelToken: token, maxBodyBytes: 1_048_576 }
}
