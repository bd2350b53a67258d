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
}

/**
 * Closed-loop load (each connection sends its next request when the previous one is answered),
 * as autocannon does. Latencies are taken from every 2xx answer at full precision: autocannon's
 * own histogram rounds to whole milliseconds, too coarse for sub-millisecond routes.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
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
        const seconds = result.duration
        resolve({
          rps: round(latencies.length / seconds, 1),
          ...latencySummary(latencies),
          requests: latencies.length + non2xx,
          non2xx,
          errors: result.errors,
          duration_s: round(seconds, 2),
        })
      },
    )
    instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
      else non2xx++
    })
  })
}
