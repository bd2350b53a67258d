import { setTimeout as sleep } from 'node:timers/promises'
import CircuitBreaker from 'opossum'
import type { Logger } from '../../observability/logger.ts'
import { AppError } from '../errors.ts'

export interface GuardOptions {
  /** One attempt slower than this counts as a failure. */
  timeoutMs?: number
  /** Attempts per call (1 = no retry); backoff doubles from baseDelayMs. */
  attempts?: number
  baseDelayMs?: number
  /** Open after this share of failures (with at least volumeThreshold calls in the window). */
  errorThresholdPercentage?: number
  volumeThreshold?: number
  /** How long the breaker stays open before letting one trial call through. */
  resetTimeoutMs?: number
}

export interface Guard {
  run<T>(call: () => Promise<T>): Promise<T>
  state(): 'closed' | 'open' | 'half_open'
}

/**
 * Retries a dependency call with exponential backoff behind a circuit breaker (opossum), so a
 * dependency that keeps failing is left alone for resetTimeoutMs instead of being hammered.
 * AppErrors (not_found, invalid_request) are answers, not failures: never retried or counted.
 */
export function createGuard(name: string, logger: Logger, options: GuardOptions = {}): Guard {
  const { attempts = 3, baseDelayMs = 50 } = options
  const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
    name,
    timeout: options.timeoutMs ?? 2_000,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 5,
    resetTimeout: options.resetTimeoutMs ?? 10_000,
    errorFilter: (error: unknown) => error instanceof AppError,
  })
  breaker.on('open', () => logger.warn('circuit opened', { dependency: name }))
  breaker.on('close', () => logger.info('circuit closed', { dependency: name }))

  return {
    async run<T>(call: () => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await breaker.fire(call)) as T
        } catch (error) {
          const final = attempt >= attempts || breaker.opened || error instanceof AppError
          if (final) throw error
          await sleep(baseDelayMs * 2 ** (attempt - 1))
        }
      }
    },
    state: () => (breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed'),
  }
}
