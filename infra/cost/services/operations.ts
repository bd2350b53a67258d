import { line, type ServiceLines } from '../line-item.ts'

/** Secrets Manager: stored secrets and the cached reads of warm Lambda containers. */
export const secretsLines: ServiceLines = ({ config, prices, assume }) => {
  const containers = assume.httpWarmContainers + config.queue.workerMaxConcurrency
  const calls = containers * assume.secretRefreshesPerContainerHour * assume.hoursPerMonth
  return [
    line(
      'Secrets Manager',
      'Secrets',
      assume.secrets,
      prices.prices.secret,
      'Database credentials and the CloudFront origin-verify header.',
    ),
    line(
      'Secrets Manager',
      'GetSecretValue calls',
      calls / 10_000,
      prices.prices.secretsApi,
      `${containers} warm containers (${assume.httpWarmContainers} HTTP + worker cap ${config.queue.workerMaxConcurrency}) re-read every 5 min around the clock: an upper bound.`,
    ),
  ]
}

/** CloudWatch: log ingestion and retained storage, alarms, and Powertools' custom metrics. */
export const cloudWatchLines: ServiceLines = ({ config, prices, assume }) => {
  const logGb = config.expectedUsage.logGbPerMonth
  const retention = config.observability.logRetentionDays
  const storedGb = logGb * (retention / 30)
  const p = prices.prices
  return [
    line(
      'CloudWatch',
      'Logs ingestion',
      logGb,
      p.logsIngestion,
      `${logGb} GB/month (Standard class).`,
      'logsIngestion',
    ),
    line(
      'CloudWatch',
      'Logs storage',
      storedGb,
      p.logsStorage,
      `${retention} days kept: ≈ ${storedGb.toFixed(2)} GB at steady state, counted uncompressed (conservative).`,
    ),
    line(
      'CloudWatch',
      'Alarms',
      assume.alarms,
      p.alarm,
      'The dead-letter queue depth alarm.',
      'alarms',
    ),
    line(
      'CloudWatch',
      'Custom metrics',
      assume.customMetrics,
      p.customMetric,
      'Powertools counters: TicketsProcessed, TicketsSkipped, TicketsFailed, TicketsGivenUp, SyncsRequested.',
      'customMetrics',
    ),
  ]
}
