/**
 * Monthly cost estimate of a stack, for finance:
 *   npm run cost -- --stack dev|prod|dev,prod [--format markdown|json] [--out docs]
 * Prints the line-by-line table (or JSON) and writes docs/cost-<stack>.svg and .png.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { costChartSvg } from '../infra/cost/chart.ts'
import { checkBudget, estimateMonthlyCost } from '../infra/cost/estimate.ts'
import { svgToPng } from '../infra/cost/png.ts'
import { toComparison, toMarkdown } from '../infra/cost/report.ts'
import { readStackFile } from '../infra/cost/stack-file.ts'

const { values } = parseArgs({
  options: {
    stack: { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    out: { type: 'string', default: 'docs' },
  },
})

try {
  if (!values.stack) throw new Error('--stack is required (dev, prod, or dev,prod)')
  if (values.format !== 'markdown' && values.format !== 'json') {
    throw new Error(`--format must be markdown or json, not ${values.format}`)
  }
  const reports = values.stack.split(',').map((stack) => {
    const config = readStackFile(stack)
    const estimate = estimateMonthlyCost(config)
    const budget = checkBudget(estimate, config)
    const svg = costChartSvg(estimate, budget)
    mkdirSync(values.out, { recursive: true })
    const image = join(values.out, `cost-${stack}`)
    writeFileSync(`${image}.svg`, svg)
    writeFileSync(`${image}.png`, svgToPng(svg))
    return { stack, estimate, budget, images: [`${image}.svg`, `${image}.png`] }
  })
  if (values.format === 'json') {
    console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2))
  } else {
    if (reports.length > 1) console.log(`${toComparison(reports)}\n`)
    for (const r of reports) console.log(`${toMarkdown(r.estimate, r.budget)}\n`)
    for (const r of reports) console.error(`${r.budget.message}; chart: ${r.images.join(', ')}`)
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
