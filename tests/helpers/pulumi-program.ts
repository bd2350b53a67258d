import { readFileSync } from 'node:fs'
import * as pulumi from '@pulumi/pulumi'
import { parse } from 'yaml'

/** Resource inputs and state are untyped JSON; the tests read them like AWS would. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type Json = any

/** One resource the program registered, as the Pulumi engine would have received it. */
export interface Registered {
  type: string
  name: string
  inputs: Record<string, Json>
  state: Record<string, Json>
}

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-2'

/** Computed attributes AWS would return, so the program's `apply`s see realistic values. */
function computed(type: string, name: string, inputs: Record<string, Json>): Record<string, Json> {
  const arn = `arn:aws:mock:${REGION}:${ACCOUNT}:${type.split(':')[1]}/${name}`
  const base = { arn, name: inputs.name ?? name }
  switch (type) {
    case 'aws:s3/bucket:Bucket':
      return { ...base, bucket: name, arn: `arn:aws:s3:::${name}` }
    case 'aws:sqs/queue:Queue':
      return {
        ...base,
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
      }
    case 'aws:dynamodb/table:Table':
      return { ...base, arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}` }
    case 'aws:rds/instance:Instance':
      return {
        ...base,
        address: `${name}.abc.${REGION}.rds.amazonaws.com`,
        port: 5432,
        identifier: name,
        masterUserSecrets: [
          { secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${name}` },
        ],
      }
    case 'aws:s3/vectorsIndex:VectorsIndex':
      return {
        ...base,
        indexArn: `arn:aws:s3vectors:${REGION}:${ACCOUNT}:bucket/b/index/${inputs.indexName}`,
      }
    case 'aws:opensearch/serverlessCollection:ServerlessCollection':
      return { ...base, collectionEndpoint: `https://abc.${REGION}.aoss.amazonaws.com` }
    case 'aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase':
      return { ...base, arn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678` }
    case 'aws:bedrock/agentDataSource:AgentDataSource':
      return { ...base, dataSourceId: 'DS12345678' }
    case 'aws:lambda/functionUrl:FunctionUrl':
      return { ...base, functionUrl: `https://abc123.lambda-url.${REGION}.on.aws/` }
    case 'aws:cloudfront/distribution:Distribution':
      return { ...base, domainName: 'd111111abcdef8.cloudfront.net' }
    default:
      return base
  }
}

const IDS: Record<string, string> = {
  'aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase': 'KB12345678',
}

/** Pulumi's wire form of a secret: `{ [SECRET_SIG]: SECRET_VALUE_SIG, value }`. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d'

/** Inputs with secrets unwrapped: the tests check values, not their secrecy. */
function reveal(value: unknown): Json {
  if (Array.isArray(value)) return value.map(reveal)
  if (value === null || typeof value !== 'object') return value
  const object = value as Record<string, unknown>
  if (SECRET_SIG in object) return reveal(object.value)
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, reveal(inner)]))
}

function mocks(registered: Registered[]): pulumi.runtime.Mocks {
  let passwords = 0
  return {
    newResource({ type, name, inputs: wire }) {
      const inputs = reveal(wire)
      const state = { ...inputs, ...computed(type, name, inputs) }
      registered.push({ type, name, inputs, state })
      return { id: IDS[type] ?? `${name}-id`, state }
    },
    call({ token }) {
      switch (token) {
        case 'aws:index/getRegion:getRegion':
          return { region: REGION, name: REGION, id: REGION }
        case 'aws:index/getCallerIdentity:getCallerIdentity':
          return {
            accountId: ACCOUNT,
            arn: `arn:aws:iam::${ACCOUNT}:user/test`,
            userId: 'x',
            id: ACCOUNT,
          }
        case 'aws:index/getAvailabilityZones:getAvailabilityZones':
          return { names: [`${REGION}a`, `${REGION}b`, `${REGION}c`], zoneIds: [], id: REGION }
        case 'aws:secretsmanager/getRandomPassword:getRandomPassword':
          // A new value per call, as the real generator: two secret versions differ.
          passwords++
          return {
            randomPassword: `R4ndomOriginSecretValueWithAtLeast32Chars${String(passwords).padStart(7, '0')}`,
            id: 'x',
          }
        default:
          throw new Error(`unmocked call ${token}`)
      }
    },
  }
}

/** The `support-context:*` settings of Pulumi.<stack>.yaml, as the Pulumi CLI passes them. */
export function stackConfig(stack: string, override?: (settings: Record<string, Json>) => void) {
  const text = readFileSync(new URL(`../../Pulumi.${stack}.yaml`, import.meta.url), 'utf8')
  const config = parse(text).config as Record<string, unknown>
  const settings: Record<string, Json> = {}
  for (const [key, value] of Object.entries(config))
    settings[key.replace(/^support-context:/, '')] = value
  override?.(settings)
  const asPulumiGives: Record<string, string> = {}
  for (const [key, value] of Object.entries(settings))
    asPulumiGives[`support-context:${key}`] =
      typeof value === 'string' ? value : JSON.stringify(value)
  return asPulumiGives
}

/**
 * Runs the whole program (index.ts) under Pulumi mocks for one stack file and returns every
 * resource it registered plus its exports. Each call imports a fresh copy of index.ts, so both
 * stacks run in one process; run them one after the other (the mocks are global).
 */
export async function runProgram(
  stack: string,
  override?: (settings: Record<string, Json>) => void,
): Promise<{ resources: Registered[]; outputs: Record<string, unknown> }> {
  const resources: Registered[] = []
  await pulumi.runtime.setMocks(mocks(resources), 'support-context', stack, false)
  pulumi.runtime.setAllConfig(stackConfig(stack, override))
  const program = await import(`../../index.ts?stack=${stack}&run=${Math.random()}`)
  const outputs: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(program)) outputs[name] = await resolve(value)
  await settled(resources)
  return { resources, outputs }
}

function resolve(value: unknown): Promise<unknown> {
  if (!pulumi.Output.isInstance(value)) return Promise.resolve(value)
  return new Promise((done) => (value as pulumi.Output<unknown>).apply((v) => done(v)))
}

/** Registrations are asynchronous: wait until no new resource has arrived for a while. */
async function settled(resources: Registered[]) {
  let count = -1
  while (count !== resources.length) {
    count = resources.length
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** Lookups over the registered resources; `one` fails unless exactly one matches. */
export function queries(resources: Registered[], stack: string) {
  const all = (type: string) => resources.filter((r) => r.type === type)
  const one = (type: string, nameEnd = ''): Registered => {
    const found = all(type).filter((r) => r.name.endsWith(nameEnd))
    if (found.length !== 1) throw new Error(`${found.length} ${type} named *${nameEnd}, expected 1`)
    return found[0] as Registered
  }
  /** The Lambda built from `dist/lambda/<bundle>`. */
  const lambda = (bundle: string): Registered => {
    const found = all('aws:lambda/function:Function').find(
      (r) => r.inputs.name === `support-context-${stack}-${bundle}`,
    )
    if (!found) throw new Error(`no ${bundle} function`)
    return found
  }
  return { all, one, lambda }
}
