import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assessChurnRisk } from '../../../app/core/customers/churn-risk.ts'

describe('assessChurnRisk', () => {
  it('is low for a content, recently active customer', () => {
    const risk = assessChurnRisk({
      averageSentiment: 0.6,
      daysSinceLastActivity: 3,
      tier: 'standard',
    })
    assert.deepEqual(risk, { level: 'low', reasons: [] })
  })

  it('is medium for lukewarm sentiment alone', () => {
    const risk = assessChurnRisk({
      averageSentiment: 0.05,
      daysSinceLastActivity: 3,
      tier: 'premium',
    })
    assert.equal(risk.level, 'medium')
    assert.match(risk.reasons[0] ?? '', /lukewarm sentiment \(0\.05/)
  })

  it('is medium after 46 to 90 quiet days, high with negative sentiment on top', () => {
    assert.equal(
      assessChurnRisk({ averageSentiment: 0.5, daysSinceLastActivity: 60, tier: 'standard' }).level,
      'medium',
    )
    assert.equal(
      assessChurnRisk({ averageSentiment: -0.5, daysSinceLastActivity: 60, tier: 'standard' })
        .level,
      'high',
    )
  })

  it('is high for negative sentiment on the free tier', () => {
    const risk = assessChurnRisk({ averageSentiment: -0.4, daysSinceLastActivity: 1, tier: 'free' })
    assert.equal(risk.level, 'high')
    assert.deepEqual(risk.reasons, ['negative sentiment (-0.40 over 90 days)', 'free tier'])
  })

  it('treats no activity at all as long inactivity', () => {
    const risk = assessChurnRisk({
      averageSentiment: null,
      daysSinceLastActivity: null,
      tier: 'free',
    })
    assert.equal(risk.level, 'high')
    assert.ok(risk.reasons.includes('no recorded activity'))
  })

  it('lowers the risk one step for an enterprise contract', () => {
    const signals = { averageSentiment: -0.5, daysSinceLastActivity: 60 } as const
    assert.equal(assessChurnRisk({ ...signals, tier: 'standard' }).level, 'high')
    assert.equal(assessChurnRisk({ ...signals, tier: 'enterprise' }).level, 'medium')
  })

  it('uses the exact thresholds: 45 days is still active, -0.3 is not negative', () => {
    assert.equal(
      assessChurnRisk({ averageSentiment: 0.1, daysSinceLastActivity: 45, tier: 'standard' }).level,
      'low',
    )
    assert.equal(
      assessChurnRisk({ averageSentiment: -0.3, daysSinceLastActivity: 0, tier: 'standard' }).level,
      'medium',
    )
  })
})
