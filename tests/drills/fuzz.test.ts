import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { processTicket } from '../../app/core/tickets/process-ticket.ts'
import { checkStored, rowCounts, runFuzz, type Send } from '../../scripts/drill/fuzz.ts'
import { fuzzContext } from '../../scripts/drill/fuzz-drill.ts'
import { operationsOf } from '../../scripts/drill/fuzz-requests.ts'
import { startHubSpotFake } from '../../scripts/drill/hubspot-fake.ts'
import { scanForPersonalData } from '../../scripts/drill/pii.ts'
import { drillTicket } from '../../scripts/drill/tickets.ts'
import { webhookSecretEnv } from '../../scripts/drill/webhook-signing.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'

/** The CI subset of `npm run drill`'s fuzzing: in-process, a few hundred cases, a fixed seed. */
const CASES = Number(process.env.FUZZ_CASES ?? 400)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125)

describe('drill: bad input over every endpoint and webhook (in-process)', () => {
  let t: TestApp
  let hubspot: Awaited<ReturnType<typeof startHubSpotFake>>
  before(async () => {
    hubspot = await startHubSpotFake()
    t = await createTestApp({
      customers: 240,
      env: {
        ...webhookSecretEnv(),
        WORKER_ENABLED: 'false',
        HUBSPOT_ACCESS_TOKEN: 'drill-token',
        HUBSPOT_API_URL: hubspot.url,
      },
    })
  })
  after(async () => {
    await t.close()
    await hubspot.close()
  })

  const send =
    (origin: string): Send =>
    (r) =>
      Promise.resolve(
        t.app.request(`${origin}${r.path}`, { method: r.method, headers: r.headers, body: r.body }),
      )

  it('answers every generated request below 500, errors in the one shape, storing nothing rejected', async () => {
    const origin = 'http://localhost'
    const ctx = await fuzzContext(origin, t.apiKey, (path, init) =>
      Promise.resolve(t.app.request(`${origin}${path}`, init)),
    )
    const operations = operationsOf(await (await t.app.request('/openapi.json')).json())
    const before = await rowCounts(t.deps.db)
    const result = await runFuzz({ send: send(origin), operations, ctx, cases: CASES, seed: SEED })
    const after = await rowCounts(t.deps.db)
    assert.equal(
      result.status['5xx'],
      0,
      `seed ${SEED}: ${JSON.stringify(result.failures.slice(0, 3))}`,
    )
    assert.deepEqual(result.failures, [], `seed ${SEED}`)
    assert.deepEqual(checkStored(before, after, result), [])
    assert.ok((result.perOperation['POST /webhooks/{vendor}'] ?? 0) > 0)
  })

  it('writes no seeded email or name to the logs while taking in and processing tickets', async () => {
    for (let n = 0; n < 20; n++) {
      const response = await t.request('/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(drillTicket(`PII-${n}`, n)),
      })
      assert.equal(response.status, 202)
      const { ticket_id } = (await response.json()) as { ticket_id: string }
      await processTicket(t.deps.processing, {
        ticketId: ticket_id,
        correlationId: `corr-pii-${n}`,
      })
    }
    assert.deepEqual(scanForPersonalData([{ name: 'test app', text: t.logs.join('\n') }]), [])
  })
})
