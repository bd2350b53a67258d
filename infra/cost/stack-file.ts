import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseStackConfig, type StackConfig, stackFileSettings } from '../config.ts'

/** Parses `Pulumi.<stack>.yaml` in `dir` as the Pulumi program would (same schema, same errors). */
export function readStackFile(stack: string, dir = process.cwd()): StackConfig {
  if (!/^[a-z0-9-]+$/.test(stack)) throw new Error(`Invalid stack name: ${stack}`)
  const text = readFileSync(join(dir, `Pulumi.${stack}.yaml`), 'utf8')
  return parseStackConfig(stackFileSettings(parse(text)))
}
