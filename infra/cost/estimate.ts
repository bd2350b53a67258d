import type { StackConfig } from '../config.ts'
import { ASSUMPTIONS, type Assumptions } from './assumptions.ts'
import type { CostContext, LineItem, ServiceLines } from './line-item.ts'
import { type FreeTierPool, PRICE_TABLE, type PriceTable } from './prices.ts'
import { bedrockLines } from './services/bedrock.ts'
import { eventBridgeLines, lambdaLines, sqsLines } from './services/compute.ts'
import { dynamoLines, rdsLines } from './services/database.ts'
import { edgeLines } from './services/edge.ts'
import { networkLines } from './services/network.ts'
import { cloudWatchLines, secretsLines } from './services/operations.ts'
import { s3Lines } from './services/storage.ts'
import { vectorStoreLines } from './services/vectors.ts'

export type { LineItem } from './line-item.ts'

/** In report order: the list of services, then EventBridge (the sync trigger). */
const SERVICES: ServiceLines[] = [
  rdsLines,
  dynamoLines,
  lambdaLines,
  edgeLines,
  sqsLines,
  s3Lines,
  vectorStoreLines,
  bedrockLines,
  networkLines,
  secretsLines,
  cloudWatchLines,
  eventBridgeLines,
]

export interface CostEstimate {
  environment: StackConfig['environment']
  lines: LineItem[]
  subtotals: { service: string; monthlyUsd: number }[]
  /** Without any free tier: what finance budgets. */
  totalUsd: number
  /**
   * What the always-free allowances could take off, if this stack were the account's only
   * user of them. Not applied to the total: the allowances are per account, shared.
   */
  freeTierSavingsUsd: number
  pricesAsOf: string
  region: string
}

/** The monthly estimate of one stack: pure, so tests can price altered configs and prices. */
export function estimateMonthlyCost(
  config: StackConfig,
  prices: PriceTable = PRICE_TABLE,
  assume: Assumptions = ASSUMPTIONS,
): CostEstimate {
  const ctx: CostContext = { config, prices, assume }
  const lines = SERVICES.flatMap((service) => service(ctx))
  return {
    environment: config.environment,
    lines,
    subtotals: subtotals(lines),
    totalUsd: sum(lines.map((l) => l.monthlyUsd)),
    freeTierSavingsUsd: freeTierSavings(lines, prices),
    pricesAsOf: prices.asOf,
    region: prices.targetRegion,
  }
}

function subtotals(lines: LineItem[]) {
  const byService = new Map<string, number>()
  for (const l of lines) byService.set(l.service, (byService.get(l.service) ?? 0) + l.monthlyUsd)
  return [...byService].map(([service, monthlyUsd]) => ({ service, monthlyUsd }))
}

/** Each pool's allowance is spent on its lines in order, never more than the pool holds. */
function freeTierSavings(lines: LineItem[], prices: PriceTable): number {
  const left = new Map<FreeTierPool, number>()
  let saved = 0
  for (const l of lines) {
    if (!l.freeTierPool) continue
    const remaining = left.get(l.freeTierPool) ?? prices.freeTier[l.freeTierPool].amount
    const used = Math.min(remaining, l.quantity)
    left.set(l.freeTierPool, remaining - used)
    saved += used * l.unitPrice
  }
  return saved
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export interface BudgetCheck {
  withinBudget: boolean
  budgetUsd: number
  totalUsd: number
  /** Negative when over budget. */
  headroomUsd: number
  message: string
}

/** Compares an estimate with the stack's own `monthlyBudgetUsd`. */
export function checkBudget(estimate: CostEstimate, config: StackConfig): BudgetCheck {
  const budgetUsd = config.monthlyBudgetUsd
  const headroomUsd = budgetUsd - estimate.totalUsd
  const withinBudget = headroomUsd >= 0
  const total = `$${estimate.totalUsd.toFixed(2)}`
  const message = withinBudget
    ? `${config.environment}: ${total} is within the $${budgetUsd} budget ($${headroomUsd.toFixed(2)} headroom)`
    : `${config.environment}: ${total} exceeds the $${budgetUsd} budget by $${(-headroomUsd).toFixed(2)}`
  return { withinBudget, budgetUsd, totalUsd: estimate.totalUsd, headroomUsd, message }
}
