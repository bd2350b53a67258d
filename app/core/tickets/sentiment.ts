import Sentiment from 'sentiment'

const analyzer = new Sentiment()
/** VADER's normalisation constant: maps an unbounded lexicon sum into -1..1 smoothly. */
const ALPHA = 15

/**
 * Sentiment of a ticket's text in -1..1 from the AFINN-165 lexicon (`sentiment` package):
 * the summed word valences s, normalised as s / sqrt(s² + 15) the way VADER does.
 */
export function scoreSentiment(text: string): number {
  const { score } = analyzer.analyze(text)
  if (score === 0) return 0
  return Math.round((score / Math.sqrt(score * score + ALPHA)) * 1_000) / 1_000
}
