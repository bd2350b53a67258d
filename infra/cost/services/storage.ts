import { KB_PER_GB, line, type ServiceLines } from '../line-item.ts'

/**
 * The documents bucket: current and noncurrent versions, the writes and reads of a sync, and
 * Intelligent-Tiering monitoring.
 */
export const s3Lines: ServiceLines = ({ config, prices, assume }) => {
  const u = config.expectedUsage
  const p = prices.prices
  const currentGb = (u.documents * u.averageDocumentKb) / KB_PER_GB
  const noncurrentGb =
    (u.documentChangesPerMonth *
      u.averageDocumentKb *
      (config.documents.noncurrentVersionExpirationDays / 30)) /
    KB_PER_GB
  const objects = u.documents * assume.objectsPerDocument
  const puts = u.documentChangesPerMonth * assume.objectsPerDocument
  const listPages = u.documentChangesPerMonth * Math.ceil(objects / assume.listPageSize)
  const gets = u.documentChangesPerMonth * assume.objectsPerDocument
  const monitored = u.averageDocumentKb >= 128 ? u.documents : 0
  return [
    line(
      'S3',
      'Storage',
      currentGb + noncurrentGb,
      p.s3Storage,
      `${u.documents} documents × ${u.averageDocumentKb} KB + old versions kept ${config.documents.noncurrentVersionExpirationDays} days (S3 Standard rate; Intelligent-Tiering is no dearer).`,
    ),
    line(
      'S3',
      'PUT and LIST requests',
      (puts + listPages) / 1000,
      p.s3Put,
      'Document + sidecar per change; one bucket listing per sync.',
    ),
    line(
      'S3',
      'GET requests',
      gets / 1000,
      p.s3Get,
      'Bedrock ingestion reads each changed document and its sidecar.',
    ),
    line(
      'S3',
      'Intelligent-Tiering monitoring',
      monitored / 1000,
      p.s3TieringMonitoring,
      `Objects under 128 KB are not monitored (average ${u.averageDocumentKb} KB); sidecars are tiny.`,
    ),
  ]
}
