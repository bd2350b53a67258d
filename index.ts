/**
 * The Pulumi program (`pulumi up` per stack). For now it validates the stack configuration and
 * exports the tags every resource will carry; the infrastructure issue adds the components.
 */
import * as pulumi from '@pulumi/pulumi'
import { parseStackConfig, standardTags } from './infra/config.ts'

const raw = new pulumi.Config()
const settings = parseStackConfig({
  environment: raw.get('environment'),
  costCenter: raw.get('costCenter'),
})

export const environment = settings.environment
export const tags = standardTags(settings, pulumi.getProject())
