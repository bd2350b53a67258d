import type { BudgetCheck, CostEstimate } from './estimate.ts'
import { usd } from './report.ts'

/** The font the PNG renderer must find on the system (DejaVu ships with most Linux images). */
export const CHART_FONT = 'DejaVu Sans'

const WIDTH = 960
const LABEL_WIDTH = 250
const VALUE_WIDTH = 110
const ROW = 30
const TOP = 92

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/**
 * A horizontal bar chart of the monthly cost per service, largest first, as SVG text written
 * by hand (no chart library): finance pastes the PNG rendered from it.
 */
export function costChartSvg(estimate: CostEstimate, budget: BudgetCheck): string {
  const rows = [...estimate.subtotals].sort((a, b) => b.monthlyUsd - a.monthlyUsd)
  const max = Math.max(...rows.map((r) => r.monthlyUsd), 1)
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20
  const height = TOP + rows.length * ROW + 40
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW
    const width = Math.max(1, (r.monthlyUsd / max) * barSpace)
    const share = estimate.totalUsd > 0 ? (r.monthlyUsd / estimate.totalUsd) * 100 : 0
    return [
      `<text x="${LABEL_WIDTH - 10}" y="${y + 19}" text-anchor="end">${xml(r.service)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 5}" width="${width.toFixed(1)}" height="${ROW - 10}" fill="#2f6db5"/>`,
      `<text x="${LABEL_WIDTH + width + 8}" y="${y + 19}">${usd(r.monthlyUsd)} (${share > 0 && share < 0.5 ? '&lt;1' : share.toFixed(0)}%)</text>`,
    ].join('')
  })
  const verdict = budget.withinBudget
    ? `within the ${usd(budget.budgetUsd)} budget`
    : `OVER the ${usd(budget.budgetUsd)} budget`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT}, sans-serif" font-size="14" fill="#222" role="img">`,
    // Screen readers (and Biome's a11y rule) read the title.
    `<title>support-context ${xml(estimate.environment)}: monthly cost estimate per service, ${usd(estimate.totalUsd)} in all</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="20" y="34" font-size="20" font-weight="bold">support-context ${xml(estimate.environment)}: ${usd(estimate.totalUsd)} a month, ${verdict}</text>`,
    `<text x="20" y="60" fill="#555">Monthly estimate per service. Unit prices as of ${estimate.pricesAsOf}, ${estimate.region} where found; on-demand USD, no free tier.</text>`,
    ...bars,
    `<text x="20" y="${height - 14}" fill="#777" font-size="12">npm run cost -- --stack ${xml(estimate.environment)} (assumptions and sources: docs/cost.md)</text>`,
    '</svg>',
  ].join('\n')
}
