/**
 * Lambda figures: each handler's bundle size and cold module-load time (scripts/build.ts),
 * beside a minimal Hono Lambda bundled the same way: the floor any handler starts from.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { buildLambdas, measureLoad, median } from '../build.ts'
import { ratio, round } from './stats.ts'

const ROOT = resolve(import.meta.dirname, '../..')

const MINIMAL_HANDLER = `import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'
export const handler = handle(new Hono().get('/', (c) => c.json({ ok: true })))`

export async function runLambdaSuite({ runs }: { runs: number }) {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-lambda-'))
  try {
    const bundles = await buildLambdas(outdir)
    const minimal = await buildMinimal(join(outdir, 'minimal', 'index.mjs'))
    const loadMs = (file: string) =>
      round(median(Array.from({ length: runs }, () => measureLoad(file))), 1)
    const baseline = { kib: kib(statSync(minimal).size), load_ms: loadMs(minimal) }
    return {
      runs,
      baseline: { what: 'a minimal Hono Lambda, bundled the same way', ...baseline },
      handlers: bundles.map((bundle) => {
        const load = loadMs(bundle.file)
        return {
          handler: bundle.name,
          kib: kib(bundle.bytes),
          load_ms: load,
          load_ratio: ratio(load, baseline.load_ms),
        }
      }),
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

/** The same esbuild settings as the handlers (ESM, Node 22, minified). */
async function buildMinimal(file: string): Promise<string> {
  await build({
    stdin: { contents: MINIMAL_HANDLER, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    outfile: file,
    logLevel: 'error',
  })
  return file
}

const kib = (bytes: number) => round(bytes / 1024, 1)
