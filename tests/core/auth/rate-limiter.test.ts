import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRateLimiter } from '../../../app/core/auth/rate-limiter.ts'

describe('token-bucket rate limiter', () => {
  it('allows a burst, refuses the next with Retry-After, and refills at the rate', () => {
    let clock = 0
    const limiter = createRateLimiter({ now: () => clock })
    const limit = { ratePerMinute: 60, burst: 3 }
    for (let n = 0; n < 3; n++) assert.deepEqual(limiter.take('k', limit), { allowed: true })
    assert.deepEqual(limiter.take('k', limit), { allowed: false, retryAfterSeconds: 1 })
    clock += 1_000
    assert.deepEqual(limiter.take('k', limit), { allowed: true })
    assert.equal(limiter.take('k', limit).allowed, false)
    assert.deepEqual(limiter.take('other', limit), { allowed: true }, 'buckets are per key')
  })
})
