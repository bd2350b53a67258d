/**
 * The Pulumi program (`pulumi up` per stack). It parses the stack configuration (a bad value
 * fails the preview naming the key) and exports the tags every resource carries; the
 * components in infra/ are added per concern.
 */
import * as pulumi from '@pulumi/pulumi'
import { readStackConfig, standardTags } from './infra/config.ts'

const raw = new pulumi.Config()
const settings = readStackConfig((key) => raw.get(key))

export const environment = settings.environment
export const tags = standardTags(settings, pulumi.getProject())
