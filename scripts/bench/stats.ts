/** Summary statistics of timings; the bench's single definition of a percentile (nearest rank). */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? 0
}

export const round = (value: number, digits = 2): number => {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** p50 and p99 in milliseconds, rounded to a hundredth. */
export function latencySummary(ms: readonly number[]): { p50_ms: number; p99_ms: number } {
  return { p50_ms: round(percentile(ms, 50)), p99_ms: round(percentile(ms, 99)) }
}

/** `value / baseline`, rounded; 0 when the baseline is 0 (nothing to compare with). */
export const ratio = (value: number, baseline: number): number =>
  baseline > 0 ? round(value / baseline, 3) : 0

/** The lowest and highest of a figure's values over the rounds of one run. */
export interface RoundRange {
  min: number
  max: number
}

/**
 * The lowest and highest figure ÷ baseline over rounds in which both were measured in turn
 * (the same index is the same round); null unless there are two or more such rounds. Shows how
 * far one run's ratio moves with the machine while it is measured.
 */
export function ratioRange(
  figureRounds: readonly number[],
  baselineRounds: readonly number[],
): RoundRange | null {
  if (figureRounds.length < 2 || figureRounds.length !== baselineRounds.length) return null
  const ratios = figureRounds.map((value, i) => ratio(value, baselineRounds[i] ?? 0))
  return { min: Math.min(...ratios), max: Math.max(...ratios) }
}

/** Runs `work` and resolves its value and the wall-clock milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await work()
  return { value, ms: performance.now() - started }
}
