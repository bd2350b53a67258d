/**
 * Bundles the Lambda handlers: one ESM file per handler for Node 22 on ARM64, with the AWS SDK
 * inside (docs/decisions/0003-lambda-bundling.md). Prints each bundle's size and its cold
 * module-load time (a fresh `node` importing it, median of 5).
 * Usage: npm run build [-- --outdir dist/lambda] [-- --runs 5]
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build, type Metafile, type Plugin } from 'esbuild'
import { BUNDLED_WORD_VECTORS } from '../app/core/knowledge/search/data/bundled.ts'

const ROOT = resolve(import.meta.dirname, '..')

/**
 * Handler name → its factory (module, export) and what it is built with: the container's
 * dependencies (the app's handlers), or nothing (a deploy-time helper that needs no app).
 */
export const HANDLERS: Record<string, [string, string, 'container' | 'standalone']> = {
  http: ['http.ts', 'createHttpHandler', 'container'],
  'ticket-worker': ['ticket-worker.ts', 'createTicketWorkerHandler', 'container'],
  'document-sync': ['document-sync.ts', 'createDocumentSyncHandler', 'container'],
  'outbox-relay': ['outbox-relay.ts', 'createOutboxRelayHandler', 'container'],
  'opensearch-index': ['opensearch-index.ts', 'createOpenSearchIndexHandler', 'standalone'],
}

/** One entry per handler, so each bundle holds only what its handler imports. */
const entryOf = ([module, factory, kind]: [string, string, 'container' | 'standalone']) =>
  kind === 'standalone'
    ? [
        `import { ${factory} } from '${ROOT}/app/entry/lambda/${module}'`,
        `export const handler = ${factory}()`,
      ].join('\n')
    : [
        `import { containerHandlerDeps } from '${ROOT}/app/entry/lambda/container.ts'`,
        `import { ${factory} } from '${ROOT}/app/entry/lambda/${module}'`,
        `export const handler = ${factory}(containerHandlerDeps())`,
      ].join('\n')

/**
 * The embedded-only PGlite adapter (loaded with a dynamic import by app/adapters/sql/open.ts)
 * becomes a stub that says why: a Lambda handler runs on PostgreSQL, and PGlite's WebAssembly
 * would add megabytes. Marking it external is not enough: ESM hoists the import to the top.
 */
const embeddedOnly: Plugin = {
  name: 'embedded-only',
  setup(build) {
    build.onResolve({ filter: /^(\.\/pglite\.ts|@electric-sql\/pglite)$/ }, (args) => ({
      path: args.path,
      namespace: 'embedded-only',
    }))
    build.onLoad({ filter: /.*/, namespace: 'embedded-only' }, () => ({
      contents: `export function createPgliteDatabase() {
        throw new Error('PGlite is not in the Lambda bundles: set a postgres:// DATABASE_URL or DATABASE_SECRET_ARN')
      }`,
      loader: 'js',
    }))
  },
}

// Bundled CJS packages (the X-Ray SDK, postgres' deps) call require(); ESM output has none.
const BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"

export interface BuiltBundle {
  name: string
  /** The handler's entry module (`index.mjs`). */
  file: string
  /** What a cold start loads: the entry and the chunks it imports statically. */
  bytes: number
  /** The entry plus its lazily imported chunks (the document parsers and the tokenizer). */
  totalBytes: number
  metafile: Metafile
}

/**
 * Builds every handler into `<outdir>/<name>/index.mjs` (plus source maps), with code splitting:
 * what the app imports dynamically (document parsing and chunking, needed only by a sync) goes
 * to `<name>/chunks/`, loaded on first use instead of at every cold start.
 */
export async function buildLambdas(outdir: string): Promise<BuiltBundle[]> {
  const entries = mkdtempSync(join(tmpdir(), 'lambda-entries-'))
  try {
    return await Promise.all(
      Object.entries(HANDLERS).map(async ([name, factory]) => {
        const entry = join(entries, `${name}.ts`)
        writeFileSync(entry, entryOf(factory))
        const dir = join(outdir, name)
        rmSync(dir, { recursive: true, force: true })
        const { metafile } = await build({
          entryPoints: { index: entry },
          bundle: true,
          splitting: true,
          platform: 'node',
          target: 'node22',
          format: 'esm',
          minify: true,
          sourcemap: true,
          outdir: dir,
          outExtension: { '.js': '.mjs' },
          chunkNames: 'chunks/[name]-[hash]',
          plugins: [embeddedOnly],
          banner: { js: BANNER },
          metafile: true,
          logLevel: 'error',
        })
        copyAssets(metafile)
        const file = join(dir, 'index.mjs')
        const totalBytes = Object.entries(metafile.outputs)
          .filter(([path]) => path.endsWith('.mjs'))
          .reduce((sum, [, output]) => sum + output.bytes, 0)
        return { name, file, bytes: eagerBytes(metafile), totalBytes, metafile }
      }),
    )
  } finally {
    rmSync(entries, { recursive: true, force: true })
  }
}

/** Files a module finds beside itself by `new URL(name, import.meta.url)`, by that module. */
const ASSETS: Record<string, string> = {
  'app/core/knowledge/search/data/bundled.ts': BUNDLED_WORD_VECTORS,
}

/**
 * Copies each asset next to every output holding the module that reads it: bundled, that
 * module's `import.meta.url` is the output's, wherever code splitting put it.
 */
function copyAssets(metafile: Metafile): void {
  for (const [output, { inputs }] of Object.entries(metafile.outputs))
    for (const [module, asset] of Object.entries(ASSETS))
      if (Object.keys(inputs).some((input) => resolve(input) === join(ROOT, module)))
        copyFileSync(asset, join(dirname(resolve(output)), basename(asset)))
}

/** Bytes of the entry output and every chunk reachable from it by static imports. */
function eagerBytes(metafile: Metafile): number {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((path) => path.endsWith('/index.mjs'))
  const seen = new Set<string>()
  const visit = (path: string) => {
    const output = outputs[path]
    if (!output || seen.has(path)) return
    seen.add(path)
    for (const imported of output.imports)
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
  }
  if (entry) visit(entry)
  return [...seen].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0)
}

/** Milliseconds a fresh `node` process takes to import `file` (the module load of a cold start). */
export function measureLoad(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t))`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: resolve(file, '..'),
    env: { PATH: process.env.PATH ?? '' },
  })
  if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`)
  return Number(run.stdout)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      outdir: { type: 'string', default: 'dist/lambda' },
      runs: { type: 'string', default: '5' },
    },
  })
  const runs = Number(values.runs)
  const bundles = await buildLambdas(resolve(ROOT, values.outdir))
  const rows = bundles.map((bundle) => ({
    handler: bundle.name,
    file: bundle.file.slice(ROOT.length + 1),
    'loaded at start (KiB)': Math.round(bundle.bytes / 1024),
    'with lazy chunks (KiB)': Math.round(bundle.totalBytes / 1024),
    [`load ms (median of ${runs})`]: Math.round(
      median(Array.from({ length: runs }, () => measureLoad(bundle.file))),
    ),
  }))
  console.table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
