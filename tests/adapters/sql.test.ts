import { createSqlInteractionLog } from '../../app/adapters/interaction-log/sql.ts'
import { createSqlSyncAuditTrail } from '../../app/adapters/sync-audit/sql.ts'
import { createSqlTicketQueue } from '../../app/adapters/ticket-queue/sql.ts'
import { interactionLogContract } from '../contracts/interaction-log.ts'
import { sqlDatabaseContract } from '../contracts/sql.ts'
import { syncAuditTrailContract } from '../contracts/sync-audit.ts'
import { ticketQueueContract } from '../contracts/ticket-queue.ts'
import { describeEachDatabase } from '../helpers/databases.ts'

describeEachDatabase('SqlDatabase contract', (open) => sqlDatabaseContract(open))

describeEachDatabase('InteractionLog contract, SQL adapter', (open) =>
  interactionLogContract(async () => createSqlInteractionLog({ db: await open() })),
)

describeEachDatabase('SyncAuditTrail contract, SQL adapter', (open) =>
  syncAuditTrailContract(async () => createSqlSyncAuditTrail({ db: await open() })),
)

describeEachDatabase('TicketQueue contract, SQL adapter', (open) =>
  ticketQueueContract(async () => {
    const db = await open()
    return { queue: createSqlTicketQueue({ db }), db }
  }),
)
