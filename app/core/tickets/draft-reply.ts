import type { DraftWriter } from '../../ports/draft-writer.ts'
import type { SqlDatabase } from '../../ports/sql.ts'
import { AppError } from '../errors.ts'
import { findTicketByReference } from './get-ticket-context.ts'
import type { Ticket } from './types.ts'

/**
 * A draft reply to the ticket from the knowledge base, for an agent to edit. Drafts are off
 * unless a writer is configured: without one this is `not_found`, like an unknown route.
 */
export async function draftReply(
  deps: { db: SqlDatabase; draftWriter?: DraftWriter },
  reference: string,
) {
  if (!deps.draftWriter) throw new AppError('not_found', 'drafts are not enabled')
  const ticket: Ticket = await findTicketByReference(deps.db, reference)
  const draft = await deps.draftWriter.draft({
    subject: ticket.request.subject,
    description: ticket.request.description,
  })
  return { ticket, draft }
}
