import { relayOutbox } from '../core/tickets/outbox.ts'
import { containerDeps, containerHandlerDeps } from './lambda/container.ts'
import { createDocumentSyncHandler } from './lambda/document-sync.ts'
import { createHttpHandler } from './lambda/http.ts'
import { createTicketWorkerHandler } from './lambda/ticket-worker.ts'

/**
 * The three Lambda handlers over the container's dependencies (built on first use, then shared
 * by warm invocations: see lambda/container.ts). scripts/build.ts bundles each one alone.
 */
export const http = createHttpHandler(containerHandlerDeps())
export const ticketWorker = createTicketWorkerHandler(containerHandlerDeps())
export const documentSync = createDocumentSyncHandler(containerHandlerDeps())

/**
 * Scheduled (EventBridge, every minute): sends outbox messages an HTTP invocation staged but
 * could not relay (SQS unreachable, container frozen). Resolves how many it sent.
 */
export const outboxRelay = async (): Promise<{ relayed: number }> => {
  const deps = await containerDeps()
  return { relayed: await relayOutbox(deps) }
}
