import type { CustomerTier, OrderStatus } from '../core/customers/types.ts'
import { INTERACTION_CHANNELS, type Interaction } from '../ports/interaction-log.ts'
import { createRandom, type Random } from './random.ts'
import * as words from './vocabulary.ts'

const DAY_MS = 86_400_000

export interface SampleCustomer {
  externalId: string
  name: string
  email: string
  company: string | null
  tier: CustomerTier
  createdAt: Date
  metadata: Record<string, unknown>
}

export interface SampleOrder {
  customerExternalId: string
  orderNumber: string
  status: OrderStatus
  totalAmount: string
  currency: string
  orderedAt: Date
  metadata: Record<string, unknown>
}

export interface SampleData {
  customers: SampleCustomer[]
  orders: SampleOrder[]
  interactions: Interaction[]
}

type Mood = 'happy' | 'lukewarm' | 'unhappy'
type Activity = 'active' | 'drifting' | 'gone'
interface Persona {
  tier: CustomerTier
  mood: Mood
  activity: Activity
}

/**
 * Deterministic sample data: `CUST-00001`... with tiers, orders and interactions over the 120
 * days before `now`, spread so that every churn-risk level occurs. The first three customers
 * are fixed personas the README uses: 1 a happy high-value enterprise, 2 an unhappy free
 * customer, 3 a drifting standard one.
 */
export function generateSampleData({
  customers = 240,
  now = new Date(),
  seed = 42,
} = {}): SampleData {
  const random = createRandom(seed)
  const data: SampleData = { customers: [], orders: [], interactions: [] }
  for (let n = 1; n <= customers; n++) {
    const persona = FIXED_PERSONAS[n - 1] ?? randomPersona(random)
    const customer = makeCustomer(random, n, persona.tier, now)
    data.customers.push(customer)
    const lastActivity = lastActivityDate(random, persona.activity, now)
    data.orders.push(...makeOrders(random, customer, persona.tier, lastActivity, n === 1))
    data.interactions.push(...makeInteractions(random, customer.externalId, persona, lastActivity))
  }
  return data
}

const FIXED_PERSONAS: Persona[] = [
  { tier: 'enterprise', mood: 'happy', activity: 'active' },
  { tier: 'free', mood: 'unhappy', activity: 'active' },
  { tier: 'standard', mood: 'lukewarm', activity: 'drifting' },
]

function randomPersona(random: Random): Persona {
  const roll = random.next()
  const tier: CustomerTier =
    roll < 0.3 ? 'free' : roll < 0.65 ? 'standard' : roll < 0.88 ? 'premium' : 'enterprise'
  const moodRoll = random.next()
  const mood: Mood = moodRoll < 0.6 ? 'happy' : moodRoll < 0.8 ? 'lukewarm' : 'unhappy'
  const activityRoll = random.next()
  const activity: Activity =
    activityRoll < 0.7 ? 'active' : activityRoll < 0.85 ? 'drifting' : 'gone'
  return { tier, mood, activity }
}

function makeCustomer(random: Random, n: number, tier: CustomerTier, now: Date): SampleCustomer {
  const first = random.pick(words.FIRST_NAMES)
  const last = random.pick(words.LAST_NAMES)
  const externalId = `CUST-${String(n).padStart(5, '0')}`
  return {
    externalId,
    name: `${first} ${last}`,
    email: `${first}.${last}.${n}@example.com`.toLowerCase(),
    company: tier === 'free' ? null : random.pick(words.COMPANIES),
    tier,
    createdAt: new Date(now.getTime() - random.int(200, 2_000) * DAY_MS),
    metadata: {
      country: random.pick(words.COUNTRIES),
      marketing_opt_in: random.chance(0.4),
      ...(tier === 'enterprise' ? { account_manager: `AM-${random.int(10, 99)}` } : {}),
    },
  }
}

function lastActivityDate(random: Random, activity: Activity, now: Date): Date {
  const daysAgo =
    activity === 'active'
      ? random.int(0, 30)
      : activity === 'drifting'
        ? random.int(50, 85)
        : random.int(95, 118)
  return new Date(now.getTime() - daysAgo * DAY_MS - random.int(0, 86_399) * 1000)
}

const ORDER_PLAN: Record<CustomerTier, { count: [number, number]; amount: [number, number] }> = {
  free: { count: [0, 4], amount: [10, 80] },
  standard: { count: [3, 12], amount: [30, 300] },
  premium: { count: [6, 20], amount: [100, 1_200] },
  enterprise: { count: [10, 30], amount: [500, 6_000] },
}

function makeOrders(
  random: Random,
  customer: SampleCustomer,
  tier: CustomerTier,
  lastActivity: Date,
  bigSpender: boolean,
) {
  const plan = ORDER_PLAN[tier]
  const count = bigSpender ? 24 : random.int(...plan.count)
  const span = Math.max(lastActivity.getTime() - customer.createdAt.getTime(), DAY_MS)
  const orders: SampleOrder[] = []
  for (let i = 0; i < count; i++) {
    // The newest order falls on the last activity; the others spread back to the signup date.
    const orderedAt = new Date(lastActivity.getTime() - (i === 0 ? 0 : random.next() * span))
    const ageDays = (lastActivity.getTime() - orderedAt.getTime()) / DAY_MS
    orders.push({
      customerExternalId: customer.externalId,
      orderNumber: `ORD-${customer.externalId.slice(5)}-${String(i + 1).padStart(3, '0')}`,
      status: orderStatus(random, ageDays),
      totalAmount: random.between(...plan.amount).toFixed(2),
      currency: 'USD',
      orderedAt,
      metadata: {
        items: random.int(1, 6),
        sales_channel: random.pick(words.SALES_CHANNELS),
        shipping: { method: random.pick(words.SHIPPING), country: customer.metadata.country },
        ...(random.chance(0.15) ? { coupon: `SAVE${random.int(5, 30)}` } : {}),
      },
    })
  }
  return orders
}

function orderStatus(random: Random, ageDays: number): OrderStatus {
  if (random.chance(0.04)) return 'cancelled'
  if (random.chance(0.03)) return 'refunded'
  if (ageDays < 2) return random.pick(['pending', 'paid'] as const)
  if (ageDays < 7) return random.pick(['paid', 'shipped'] as const)
  return 'delivered'
}

const MOOD_SENTIMENT: Record<Mood, number> = { happy: 0.5, lukewarm: 0.0, unhappy: -0.6 }

function makeInteractions(
  random: Random,
  customerId: string,
  persona: Persona,
  lastActivity: Date,
) {
  const count = random.int(2, 12)
  const interactions: Interaction[] = []
  for (let i = 0; i < count; i++) {
    const occurredAt = new Date(lastActivity.getTime() - (i === 0 ? 0 : random.int(1, 30) * DAY_MS))
    const sentiment = clamp(MOOD_SENTIMENT[persona.mood] + random.between(-0.3, 0.3))
    const band = sentiment > 0.25 ? 'positive' : sentiment < -0.25 ? 'negative' : 'neutral'
    interactions.push({
      customerId,
      occurredAt,
      channel: random.pick(INTERACTION_CHANNELS),
      sentiment: Math.round(sentiment * 100) / 100,
      summary: random.pick(words.SUMMARIES[band]),
    })
  }
  return interactions
}

const clamp = (value: number) => Math.max(-1, Math.min(1, value))
