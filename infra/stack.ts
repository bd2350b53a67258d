import * as pulumi from '@pulumi/pulumi'
import { type StackConfig, standardTags } from './config.ts'
import { Database } from './database.ts'
import { Edge } from './edge.ts'
import { INTERFACE_ENDPOINT_SERVICES } from './endpoint-services.ts'
import { Functions } from './functions.ts'
import { KnowledgeBase } from './knowledge-base.ts'
import { Network } from './network.ts'
import { OriginSecret } from './origin-secret.ts'
import { TicketQueue } from './queue.ts'
import { Tables } from './tables.ts'
import { tagEverything } from './tags.ts'

/**
 * Builds the whole stack from parsed settings. index.ts calls it with the stack's config; the
 * tests call it with each stack file under Pulumi mocks. Every resource sits under one root
 * component whose transformation tags it (infra/tags.ts).
 */
export function createStack(
  settings: StackConfig,
  { project, stack }: { project: string; stack: string },
) {
  const prefix = `${project}-${stack}`.toLowerCase().replace(/[^a-z0-9-]/g, '-')
  const root = new pulumi.ComponentResource(
    'support-context:infra:Stack',
    prefix,
    {},
    {
      transformations: [tagEverything(standardTags(settings, project))],
    },
  )
  const parent = { parent: root }

  const network = new Network(
    'network',
    { settings: settings.network, endpointServices: [...INTERFACE_ENDPOINT_SERVICES] },
    parent,
  )
  const database = new Database(
    'database',
    {
      settings: settings.database,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      clientSecurityGroupId: network.lambdaSecurityGroupId,
    },
    parent,
  )
  const tables = new Tables('tables', { settings: settings.tables }, parent)
  const queue = new TicketQueue(
    'queue',
    { settings: settings.queue, alarmEmail: settings.observability.alarmEmail },
    parent,
  )
  const knowledgeBase = new KnowledgeBase(
    'knowledge',
    { settings: settings.knowledgeBase, documents: settings.documents, prefix },
    parent,
  )
  const originSecret = new OriginSecret(
    'origin-secret',
    {
      version: settings.api.originSecretVersion,
      keepPrevious: settings.api.originSecretKeepPrevious,
    },
    parent,
  )
  const functions = new Functions(
    'functions',
    {
      settings,
      prefix,
      network,
      database,
      tables,
      queue,
      knowledgeBase,
      originVerifySecret: originSecret.value,
      previousOriginVerifySecret: originSecret.previousValue,
    },
    parent,
  )
  const edge = new Edge(
    'edge',
    {
      settings: settings.api,
      httpFunction: functions.http,
      originVerifySecret: originSecret.value,
    },
    parent,
  )

  return {
    apiUrl: pulumi.interpolate`https://${edge.domainName}`,
    cloudfrontDomain: edge.domainName,
    distributionId: edge.distributionId,
    functionUrl: edge.functionUrl,
    documentsBucket: knowledgeBase.bucket.bucket,
    knowledgeBaseId: knowledgeBase.knowledgeBaseId,
    dataSourceId: knowledgeBase.dataSourceId,
    vectorStore: knowledgeBase.vectorStore,
    queueUrl: queue.queue.url,
    deadLetterQueueUrl: queue.deadLetterQueue.url,
    alarmTopicArn: queue.alarmTopicArn,
    interactionsTable: tables.interactions.name,
    syncAuditTable: tables.syncAudit.name,
    databaseHost: database.host,
    databaseSecretArn: database.secretArn,
    originSecretArn: originSecret.secretArn,
  }
}
