import type { ChurnRisk, CustomerTier } from './types.ts'

export interface ChurnSignals {
  /** Mean sentiment over the last 90 days; null when the customer has not been in touch. */
  averageSentiment: number | null
  /** Days since the later of the last order and the last interaction; null when neither exists. */
  daysSinceLastActivity: number | null
  tier: CustomerTier
}

/**
 * The churn rule, points from three signals (docs/customer-360.md explains the choice):
 * - sentiment: average below -0.3 → 2 points; below 0.1 → 1 point;
 * - recency: no activity for more than 90 days (or ever) → 2 points; more than 45 days → 1 point;
 * - tier: free → 1 point (nothing invested); enterprise → -1 point (contract, account manager).
 * 3 or more points is high, 1 or 2 is medium, otherwise low.
 */
export function assessChurnRisk(signals: ChurnSignals): { level: ChurnRisk; reasons: string[] } {
  const reasons: string[] = []
  let points = 0
  const { averageSentiment: sentiment, daysSinceLastActivity: idleDays, tier } = signals
  if (sentiment !== null && sentiment < -0.3) {
    points += 2
    reasons.push(`negative sentiment (${sentiment.toFixed(2)} over 90 days)`)
  } else if (sentiment !== null && sentiment < 0.1) {
    points += 1
    reasons.push(`lukewarm sentiment (${sentiment.toFixed(2)} over 90 days)`)
  }
  if (idleDays === null || idleDays > 90) {
    points += 2
    reasons.push(idleDays === null ? 'no recorded activity' : `inactive for ${idleDays} days`)
  } else if (idleDays > 45) {
    points += 1
    reasons.push(`inactive for ${idleDays} days`)
  }
  if (tier === 'free') {
    points += 1
    reasons.push('free tier')
  } else if (tier === 'enterprise' && points > 0) {
    points -= 1
    reasons.push('enterprise contract lowers the risk')
  }
  const level: ChurnRisk = points >= 3 ? 'high' : points >= 1 ? 'medium' : 'low'
  return { level, reasons }
}
