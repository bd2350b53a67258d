import { containerHandlerDeps } from './lambda/container.ts'
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
