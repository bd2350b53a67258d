import { line, type ServiceLines } from '../line-item.ts'

/**
 * RDS for PostgreSQL: instance-hours (Multi-AZ runs a standby, billed ≈2×), gp3 storage (also
 * 2× Multi-AZ) and backup storage beyond the free allowance (equal to the allocated storage).
 */
export const rdsLines: ServiceLines = ({ config, prices, assume }) => {
  const db = config.database
  const hourly = prices.rdsInstanceHour[db.instanceClass]
  if (!hourly) {
    throw new Error(
      `No price for RDS ${db.instanceClass} in infra/cost/prices.ts: add it from aws-prices.md`,
    )
  }
  const copies = db.multiAz ? 2 : 1
  const deployment = db.multiAz ? 'Multi-AZ (2× Single-AZ)' : 'Single-AZ'
  // Conservative: treat the volume as full, so the backup set is one full copy plus daily changes.
  const backupGb =
    db.backupRetentionDays === 0
      ? 0
      : db.allocatedStorageGb *
        (1 + assume.rdsDailyChangeRatio * Math.max(0, db.backupRetentionDays - 1))
  const chargedBackupGb = Math.max(0, backupGb - db.allocatedStorageGb)
  return [
    line(
      'RDS',
      `${db.instanceClass} ${deployment}`,
      copies * assume.hoursPerMonth,
      hourly,
      `${copies} × ${assume.hoursPerMonth} h.`,
    ),
    line(
      'RDS',
      'gp3 storage',
      copies * db.allocatedStorageGb,
      prices.prices.rdsGp3Storage,
      `${db.allocatedStorageGb} GB allocated × ${copies} (Multi-AZ doubles); autoscaling to ${db.maxAllocatedStorageGb} GB would add up to $${(copies * (db.maxAllocatedStorageGb - db.allocatedStorageGb) * prices.prices.rdsGp3Storage.usd).toFixed(2)}.`,
    ),
    line(
      'RDS',
      'Backup storage beyond the free allowance',
      chargedBackupGb,
      prices.prices.rdsBackupStorage,
      `${db.backupRetentionDays} day(s) kept ≈ ${backupGb.toFixed(0)} GB (full volume + ${assume.rdsDailyChangeRatio * 100}%/day); free up to the ${db.allocatedStorageGb} GB allocated (rule not re-checked).`,
    ),
  ]
}

/** DynamoDB on demand: interaction and sync-audit tables, storage, and PITR when on. */
export const dynamoLines: ServiceLines = ({ config, prices, assume }) => {
  const usage = config.expectedUsage
  const syncs = usage.documentChangesPerMonth
  const interactionGb =
    (usage.ticketsPerMonth * (config.tables.interactionTtlDays / 30) * assume.interactionItemKb) /
    (1024 * 1024)
  const auditGb = (syncs * assume.auditMonthsKept * assume.auditItemKb) / (1024 * 1024)
  const storageGb = interactionGb + auditGb
  const writes =
    usage.ticketsPerMonth * assume.writeUnitsPerTicket + syncs * assume.writeUnitsPerSync
  const reads = usage.ticketsPerMonth * assume.readUnitsPerTicket
  const p = prices.prices
  return [
    line(
      'DynamoDB',
      'Write request units',
      writes / 1e6,
      p.dynamoWrite,
      `${assume.writeUnitsPerTicket} WRU per ticket (interaction) + ${assume.writeUnitsPerSync} per sync (audit saves incl. GSI); one sync per document change.`,
    ),
    line(
      'DynamoDB',
      'Read request units',
      reads / 1e6,
      p.dynamoRead,
      `${assume.readUnitsPerTicket} RRU per ticket (recent-interactions Query, eventually consistent).`,
    ),
    line(
      'DynamoDB',
      'Storage',
      storageGb,
      p.dynamoStorage,
      `Interactions kept ${config.tables.interactionTtlDays} days (TTL) + ${assume.auditMonthsKept} months of audit rows.`,
      'dynamoStorage',
    ),
    line(
      'DynamoDB',
      'Point-in-time recovery',
      config.tables.pointInTimeRecovery ? storageGb : 0,
      p.dynamoPitr,
      config.tables.pointInTimeRecovery ? 'On: billed on table size.' : 'Off in this stack.',
    ),
  ]
}
