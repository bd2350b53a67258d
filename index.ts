/**
 * The Pulumi program (`pulumi up` per stack). It parses the stack configuration (a bad value
 * fails the preview naming the key) and builds the components in infra/ (infra/stack.ts).
 */
import * as pulumi from '@pulumi/pulumi'
import { readStackConfig, standardTags } from './infra/config.ts'
import { createStack } from './infra/stack.ts'

const raw = new pulumi.Config()
const settings = readStackConfig((key) => raw.get(key))
const outputs = createStack(settings, { project: pulumi.getProject(), stack: pulumi.getStack() })

export const environment = settings.environment
export const tags = standardTags(settings, pulumi.getProject())
export const apiUrl = outputs.apiUrl
export const cloudfrontDomain = outputs.cloudfrontDomain
export const distributionId = outputs.distributionId
export const functionUrl = outputs.functionUrl
export const documentsBucket = outputs.documentsBucket
export const knowledgeBaseId = outputs.knowledgeBaseId
export const dataSourceId = outputs.dataSourceId
export const vectorStore = outputs.vectorStore
export const queueUrl = outputs.queueUrl
export const deadLetterQueueUrl = outputs.deadLetterQueueUrl
export const alarmTopicArn = outputs.alarmTopicArn
export const interactionsTable = outputs.interactionsTable
export const syncAuditTable = outputs.syncAuditTable
export const databaseHost = outputs.databaseHost
export const databaseSecretArn = outputs.databaseSecretArn
export const originSecretArn = outputs.originSecretArn
