import { TREND_DAYS } from '../../../core/panel/load-panel.ts'
import type { Interaction } from '../../../ports/interaction-log.ts'
import { signed } from './format.ts'

const WIDTH = 300
const HEIGHT = 84
const LEFT = 22
const PAD = 6

/** Sentiment (-1..1) of the customer's interactions over the last 90 days, oldest left. */
export function TrendChart({
  interactions,
  now,
}: {
  interactions: Interaction[] | null
  now: Date
}) {
  if (interactions === null)
    return <p class="note">Sentiment trend missing: the interaction log did not answer.</p>
  if (interactions.length === 0)
    return <p class="note">No interactions in the last {TREND_DAYS} days.</p>
  const start = now.getTime() - TREND_DAYS * 86_400_000
  const x = (at: Date) =>
    LEFT + PAD + ((at.getTime() - start) / (now.getTime() - start)) * (WIDTH - LEFT - 2 * PAD)
  const y = (sentiment: number) => PAD + ((1 - sentiment) / 2) * (HEIGHT - 2 * PAD)
  const points = [...interactions]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map((i) => ({ x: x(i.occurredAt).toFixed(1), y: y(i.sentiment).toFixed(1) }))
  const summary = describe(interactions)
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <text x="0" y={y(1) + 4} font-size="10" fill="#4d5560">
          +1
        </text>
        <text x="6" y={y(0) + 4} font-size="10" fill="#4d5560">
          0
        </text>
        <text x="0" y={y(-1) + 2} font-size="10" fill="#4d5560">
          −1
        </text>
        <line x1={LEFT} x2={WIDTH} y1={y(0)} y2={y(0)} stroke="#8c959f" stroke-dasharray="3 3" />
        <polyline
          points={points.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke="#0b57d0"
          stroke-width="1.5"
        />
        {points.map((p) => (
          <circle cx={p.x} cy={p.y} r="2.5" fill="#0b57d0" />
        ))}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  )
}

/** The chart in words: what a screen reader announces and everyone can read below it. */
function describe(interactions: Interaction[]): string {
  const mean = interactions.reduce((sum, i) => sum + i.sentiment, 0) / interactions.length
  const latest = interactions.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a))
  const count = `${interactions.length} interaction${interactions.length === 1 ? '' : 's'}`
  return `${count} in ${TREND_DAYS} days, average ${signed(mean)}, latest ${signed(latest.sentiment)} (${latest.channel}).`
}
