import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const TICKET = readFileSync(
  new URL(
    '../../tests/fixtures/webhooks/payloads/hubspot-ticket-object-with-contact.json',
    import.meta.url,
  ),
  'utf8',
)
const KNOWN_ID = JSON.parse(TICKET).id as string

/**
 * A local stand-in for HubSpot's CRM API (HubSpot webhooks carry ids only): the fixture ticket
 * for its id, 404 for any other, so fuzzed HubSpot events reach the mapping without the internet.
 */
export async function startHubSpotFake(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const id = decodeURIComponent(request.url?.match(/\/tickets\/([^?]*)/)?.[1] ?? '')
    if (id === KNOWN_ID) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(TICKET)
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"error"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
