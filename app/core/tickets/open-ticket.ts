/**
 * The one rule for an open ticket, as an SQL condition on the tickets table: the helpdesk has
 * not marked it solved, closed or resolved (`metadata.status`). A constant, never input.
 */
export const OPEN_TICKET_CONDITION =
  "COALESCE(lower(metadata->>'status'), 'open') NOT IN ('solved', 'closed', 'resolved')"
