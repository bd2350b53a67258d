import * as aws from '@pulumi/aws'
import * as pulumi from '@pulumi/pulumi'
import type { StackConfig } from './config.ts'

export interface QueueArgs {
  settings: StackConfig['queue']
  alarmEmail?: string
}

const DAY_SECONDS = 86_400

/**
 * The ticket queue (SQS standard) and its dead-letter queue. SQS's redrive moves a message after
 * `maxReceiveCount` receives; the app is told the same number (QUEUE_MAX_RECEIVES) so that the
 * worker marks the ticket failed on the last one. An alarm on the DLQ's depth notifies an SNS
 * topic (and an email subscription when the stack names one: AWS mails a confirmation first).
 */
export class TicketQueue extends pulumi.ComponentResource {
  readonly queue: aws.sqs.Queue
  readonly deadLetterQueue: aws.sqs.Queue
  readonly alarmTopicArn: pulumi.Output<string>

  constructor(name: string, args: QueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super('support-context:infra:TicketQueue', name, {}, opts)
    const parent = { parent: this }
    const { settings } = args
    const retention = settings.retentionDays * DAY_SECONDS
    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      // The DLQ keeps messages as long as SQS allows, so nothing expires before a replay.
      { messageRetentionSeconds: 14 * DAY_SECONDS, sqsManagedSseEnabled: true },
      parent,
    )
    this.queue = new aws.sqs.Queue(
      `${name}-tickets`,
      {
        visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
        messageRetentionSeconds: retention,
        receiveWaitTimeSeconds: 20,
        sqsManagedSseEnabled: true,
        redrivePolicy: pulumi.jsonStringify({
          deadLetterTargetArn: this.deadLetterQueue.arn,
          maxReceiveCount: settings.maxReceiveCount,
        }),
      },
      parent,
    )

    const topic = new aws.sns.Topic(`${name}-alarms`, {}, parent)
    this.alarmTopicArn = topic.arn
    if (args.alarmEmail) {
      new aws.sns.TopicSubscription(
        `${name}-alarm-email`,
        { topic: topic.arn, protocol: 'email', endpoint: args.alarmEmail },
        parent,
      )
    }
    new aws.cloudwatch.MetricAlarm(
      `${name}-dlq-depth`,
      {
        alarmDescription: 'Tickets in the dead-letter queue: see them with `npm run dlq`',
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: this.deadLetterQueue.name },
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 1,
        threshold: settings.deadLetterAlarmThreshold,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        // SQS stops publishing metrics for a queue idle for hours: no data means empty.
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      },
      parent,
    )
    this.registerOutputs({ queueUrl: this.queue.url, deadLetterQueueUrl: this.deadLetterQueue.url })
  }
}
