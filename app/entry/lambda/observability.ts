import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger'
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics'
import { Tracer } from '@aws-lambda-powertools/tracer'
import type { Context } from 'aws-lambda'
import type { ClientHook } from '../../adapters/aws-clients.ts'
import { createLogger, type Logger, type LogLevel } from '../../observability/logger.ts'

const SERVICE = 'support-context'
const NAMESPACE = 'SupportContext'

export type MetricName =
  | 'OutboxMessagesRelayed'
  | 'TicketsProcessed'
  | 'TicketsSkipped'
  | 'TicketsFailed'
  | 'TicketsGivenUp'
  | 'SyncsRequested'

/** What the handlers log, count and trace through; tests pass their own. */
export interface LambdaObservability {
  logger: Logger
  count(name: MetricName, value?: number): void
  /** Per invocation: the Lambda context (request id, cold start) and the correlation id. */
  begin(context: Context | undefined, correlationId?: string): void
  /** Publishes the invocation's metrics (one EMF line). */
  end(): void
  /** Captures each AWS SDK client for X-Ray; a no-op outside Lambda (the tracer disables itself). */
  clientHook: ClientHook
}

type LineSink = Pick<PowertoolsLogger, 'debug' | 'info' | 'warn' | 'error'>

/**
 * The app's logger (its field redaction and child loggers) writing through a Powertools logger,
 * so each line also carries the Lambda context, cold start and correlation id.
 */
export function forwardTo(sink: LineSink): (line: string) => void {
  return (line) => {
    const { level, message, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>
    const method = (['debug', 'info', 'warn', 'error'] as const).find((name) => name === level)
    sink[method ?? 'info'](String(message), fields)
  }
}

/** Powertools Logger, Metrics and Tracer for one Lambda container. */
export function createLambdaObservability(level: LogLevel = 'info'): LambdaObservability {
  const powertools = new PowertoolsLogger({ serviceName: SERVICE, logLevel: 'DEBUG' })
  const metrics = new Metrics({ namespace: NAMESPACE, serviceName: SERVICE })
  const tracer = new Tracer({ serviceName: SERVICE })
  return {
    logger: createLogger({ level, write: forwardTo(powertools) }),
    count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
    begin(context, correlationId) {
      if (context) powertools.addContext(context)
      powertools.setCorrelationId(correlationId)
    },
    end: () => metrics.publishStoredMetrics(),
    clientHook: (client) => tracer.captureAWSv3Client(client),
  }
}
