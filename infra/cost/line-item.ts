import type { StackConfig } from '../config.ts'
import type { Assumptions } from './assumptions.ts'
import type { FreeTierPool, PriceTable, UnitPrice } from './prices.ts'

/** One priced line of the monthly estimate: `monthlyUsd = quantity × unitPrice`. */
export interface LineItem {
  service: string
  item: string
  /** In `unit`s, the same unit as the price (e.g. 0.5 of `1M requests`). */
  quantity: number
  unit: string
  unitPrice: number
  monthlyUsd: number
  /** The assumption behind the quantity, and any caveat on the price. */
  note: string
  price: UnitPrice
  /** The always-free allowance this line could draw on (not applied to `monthlyUsd`). */
  freeTierPool?: FreeTierPool
}

/** What every service module gets: the stack, the prices and the stated assumptions. */
export interface CostContext {
  config: StackConfig
  prices: PriceTable
  assume: Assumptions
}

export type ServiceLines = (ctx: CostContext) => LineItem[]

export function line(
  service: string,
  item: string,
  quantity: number,
  price: UnitPrice,
  note: string,
  freeTierPool?: FreeTierPool,
): LineItem {
  const caveat = price.note ? ` Price: ${price.note}.` : ''
  return {
    service,
    item,
    quantity,
    unit: price.unit,
    unitPrice: price.usd,
    monthlyUsd: quantity * price.usd,
    note: `${note}${caveat}`,
    price,
    ...(freeTierPool ? { freeTierPool } : {}),
  }
}

export const MILLION = 1_000_000
export const KB_PER_GB = 1024 * 1024
