import type { BudgetCheck, CostEstimate } from './estimate.ts'
import type { LineItem } from './line-item.ts'
import { PRICE_SOURCES } from './prices.ts'

export const usd = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** Readable quantities: whole numbers when large, four significant digits when small. */
export function quantity(value: number): string {
  if (value === 0) return '0'
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US')
  if (Math.abs(value) >= 1) return value.toLocaleString('en-US', { maximumFractionDigits: 2 })
  return value.toPrecision(4).replace(/0+$/, '')
}

const cell = (text: string) => text.replaceAll('|', '\\|')

function serviceRows(lines: LineItem[], subtotal: number): string[] {
  const rows = lines.map((l) =>
    [
      l.service,
      l.item,
      quantity(l.quantity),
      l.unit,
      `$${l.unitPrice}`,
      usd(l.monthlyUsd),
      `${l.price.region}, ${l.price.confidence}`,
      l.note,
    ]
      .map(cell)
      .join(' | '),
  )
  return [...rows, `**${lines[0]?.service} subtotal** | | | | | **${usd(subtotal)}** | |`]
}

/** The line-by-line Markdown report of one stack, ending with the sources of its prices. */
export function toMarkdown(estimate: CostEstimate, budget: BudgetCheck): string {
  const header = [
    `## ${estimate.environment}: ${usd(estimate.totalUsd)} a month`,
    '',
    `Unit prices as of ${estimate.pricesAsOf}, ${estimate.region} (London) where found, else the region shown; ` +
      'on-demand list prices in USD before tax, no free tier applied.',
    '',
    '| Service | Item | Quantity | Unit | Unit price | Monthly | Price region, confidence | Assumption |',
    '|---|---|--:|---|--:|--:|---|---|',
  ]
  const body = estimate.subtotals.flatMap(({ service, monthlyUsd }) =>
    serviceRows(
      estimate.lines.filter((l) => l.service === service),
      monthlyUsd,
    ).map((row) => `| ${row} |`),
  )
  const status = budget.withinBudget ? 'headroom' : '**OVER BUDGET** by'
  const footer = [
    `| **Total** | | | | | **${usd(estimate.totalUsd)}** | | |`,
    `| Budget (\`monthlyBudgetUsd\`) | | | | | ${usd(budget.budgetUsd)} | | |`,
    `| ${status} | | | | | ${usd(Math.abs(budget.headroomUsd))} | | |`,
    '',
    `Always-free allowances (per AWS account, shared with anything else in it) could take off up to ` +
      `${usd(estimate.freeTierSavingsUsd)}; they are not applied above.`,
  ]
  return [...header, ...body, ...footer, '', ...priceSources(estimate.lines)].join('\n')
}

function priceSources(lines: LineItem[]): string[] {
  const seen = new Map<string, LineItem>()
  for (const l of lines) if (l.unitPrice > 0) seen.set(`${l.service}|${l.unit}|${l.unitPrice}`, l)
  const rows = [...seen.values()].map(
    (l) =>
      `| ${cell(l.service)} | $${l.unitPrice} per ${l.unit} | ${l.price.region} | ${cell(l.price.source)} | ${l.price.date} | ${l.price.confidence} |`,
  )
  const keys = Object.entries(PRICE_SOURCES).map(([key, text]) => `- [${key}] ${text}`)
  return [
    '### Prices used',
    '',
    '| Service | Price | Region | Source | Date | Confidence |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...keys,
  ]
}

/** Several stacks side by side: one row per service, one column per stack. */
export function toComparison(stacks: { estimate: CostEstimate; budget: BudgetCheck }[]): string {
  // Each service at its earliest position in any stack, so alternatives (S3 Vectors and
  // OpenSearch, endpoints and NAT) sit next to each other.
  const position = new Map<string, number>()
  for (const s of stacks) {
    s.estimate.subtotals.forEach(({ service }, i) => {
      position.set(service, Math.min(i, position.get(service) ?? i))
    })
  }
  const services = [...position].sort((a, b) => a[1] - b[1]).map(([service]) => service)
  const amount = (s: (typeof stacks)[number], service: string) => {
    const found = s.estimate.subtotals.find((t) => t.service === service)
    return found ? usd(found.monthlyUsd) : '—'
  }
  const names = stacks.map((s) => s.estimate.environment)
  return [
    `| Service | ${names.join(' | ')} |`,
    `|---|${names.map(() => '--:').join('|')}|`,
    ...services.map(
      (service) => `| ${service} | ${stacks.map((s) => amount(s, service)).join(' | ')} |`,
    ),
    `| **Total** | ${stacks.map((s) => `**${usd(s.estimate.totalUsd)}**`).join(' | ')} |`,
    `| Budget | ${stacks.map((s) => usd(s.budget.budgetUsd)).join(' | ')} |`,
    `| Headroom | ${stacks.map((s) => usd(s.budget.headroomUsd)).join(' | ')} |`,
  ].join('\n')
}
