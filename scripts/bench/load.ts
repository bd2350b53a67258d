import autocannon from 'autocannon'
import { latencySummary, round } from './stats.ts'

export interface LoadOptions {
  url: string
  method?: 'GET' | 'POST'
  /** Called once per request: lets each request name another ticket. */
  path: () => string
  /** Called once per request: lets each request carry a unique ticket. */
  body?: () => string
  headers?: Record<string, string>
  connections?: number
  durationS: number
}

export interface LoadResult {
  /** Answers with a 2xx status per second over the run. */
  rps: number
  p50_ms: number
  p99_ms: number
  requests: number
  non2xx: number
  errors: number
  duration_s: number
  /** The server's CPU time (user + system) per request in µs, where it can be read. */
  server_cpu_us?: number | null
  /** 2xx answers per second in each round, when the load was measured in rounds. */
  round_rps?: number[]
}

/** What one load run saw: every 2xx answer's latency, the rest counted. */
export interface LoadSample {
  latencies: number[]
  non2xx: number
  errors: number
  seconds: number
}

/**
 * Closed-loop load (each connection sends its next request when the previous one is answered),
 * as autocannon does. Latencies are taken from every 2xx answer at full precision: autocannon's
 * own histogram rounds to whole milliseconds, too coarse for sub-millisecond routes.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  return summariseLoad([await sampleLoad(options)])
}

/** Runs of the same load (rounds interleaved with other loads) as one figure. */
export function summariseLoad(samples: readonly LoadSample[]): LoadResult {
  const latencies = samples.flatMap((sample) => sample.latencies)
  const sum = (field: 'non2xx' | 'errors' | 'seconds') =>
    samples.reduce((total, sample) => total + sample[field], 0)
  const seconds = sum('seconds')
  return {
    rps: answersPerSecond(latencies.length, seconds),
    ...latencySummary(latencies),
    requests: latencies.length + sum('non2xx'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    duration_s: round(seconds, 2),
  }
}

/** 2xx answers per second of one run of a load (one round). */
export const sampleRps = (sample: LoadSample): number =>
  answersPerSecond(sample.latencies.length, sample.seconds)

const answersPerSecond = (answers: number, seconds: number) =>
  seconds > 0 ? round(answers / seconds, 1) : 0

export function sampleLoad(options: LoadOptions): Promise<LoadSample> {
  const { method = 'GET', connections = 10, durationS } = options
  const latencies: number[] = []
  let non2xx = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections,
        duration: durationS,
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            method,
            setupRequest: (request) => ({
              ...request,
              path: options.path(),
              ...(options.body ? { body: options.body() } : {}),
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        resolve({ latencies, non2xx, errors: result.errors, seconds: result.duration })
      },
    )
    instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
      else non2xx++
    })
  })
}
