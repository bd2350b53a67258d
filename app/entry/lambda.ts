import { containerHandlerDeps } from './lambda/container.ts'
import { createDocumentSyncHandler } from './lambda/document-sync.ts'
import { createHttpHandler } from './lambda/http.ts'
import { createOutboxRelayHandler } from './lambda/outbox-relay.ts'
import { createTicketWorkerHandler } from './lambda/ticket-worker.ts'

/**
 * The four Lambda handlers over the container's dependencies (built on first use, then shared
 * by warm invocations: see lambda/container.ts). scripts/build.ts bundles each one alone.
 */
export const http = createHttpHandler(containerHandlerDeps())
export const ticketWorker = createTicketWorkerHandler(containerHandlerDeps())
export const documentSync = createDocumentSyncHandler(containerHandlerDeps())

/** Scheduled (EventBridge, every minute): relays outbox messages HTTP invocations left behind. */
export const outboxRelay = createOutboxRelayHandler(containerHandlerDeps())
