import { createSqlInteractionLog } from '../../app/adapters/interaction-log/sql.ts'
import { interactionLogContract } from '../contracts/interaction-log.ts'
import { sqlDatabaseContract } from '../contracts/sql.ts'
import { describeEachDatabase } from '../helpers/databases.ts'

describeEachDatabase('SqlDatabase contract', (open) => sqlDatabaseContract(open))

describeEachDatabase('InteractionLog contract, SQL adapter', (open) =>
  interactionLogContract(async () => createSqlInteractionLog({ db: await open() })),
)
