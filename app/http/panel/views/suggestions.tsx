import { highlight } from '../../../core/panel/highlight.ts'
import type { Verdict } from '../../../core/tickets/feedback.ts'
import type { Suggestion } from '../../../core/tickets/types.ts'

const SAID: Record<Verdict, string> = {
  helpful: 'You marked this helpful.',
  not_helpful: 'You marked this not helpful.',
  used_in_reply: 'You used this in a reply.',
}

export interface SuggestionsProps {
  suggestions: Suggestion[]
  /** The ticket subject: its words are marked in each passage. */
  query: string
  verdicts: Map<string, Verdict>
  degraded: boolean
}

export function Suggestions({ suggestions, query, verdicts, degraded }: SuggestionsProps) {
  return (
    <section aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">Knowledge suggestions</h2>
      {suggestions.length === 0 && !degraded ? (
        <p class="note">No help article matches this ticket closely enough.</p>
      ) : null}
      {suggestions.map((suggestion, index) => (
        <SuggestionCard
          suggestion={suggestion}
          id={`s${index}`}
          query={query}
          verdict={verdicts.get(suggestion.chunk_id)}
        />
      ))}
    </section>
  )
}

interface CardProps {
  suggestion: Suggestion
  id: string
  query: string
  verdict: Verdict | undefined
}

function SuggestionCard({ suggestion: s, id, query, verdict }: CardProps) {
  const pressed = (v: Verdict) => String(verdict === v)
  return (
    <article class="card" data-chunk={s.chunk_id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{s.title}</h3>
      <p class="passage">
        {highlight(s.text, query).map((part) =>
          part.match ? <mark>{part.text}</mark> : part.text,
        )}
      </p>
      <p class="source">
        Source: {s.document_key}
        {where(s.location)} · score {s.score.toFixed(2)}
      </p>
      <fieldset class="actions">
        <legend class="sr-only">Feedback on {s.title}</legend>
        <button type="button" data-verdict="helpful" aria-pressed={pressed('helpful')}>
          Helpful
        </button>
        <button type="button" data-verdict="not_helpful" aria-pressed={pressed('not_helpful')}>
          Not helpful
        </button>
        <button type="button" data-verdict="used_in_reply" aria-label={`Copy passage: ${s.title}`}>
          Copy passage
        </button>
      </fieldset>
      <p class="note" role="status">
        {verdict ? SAID[verdict] : ''}
      </p>
    </article>
  )
}

function where(location: Suggestion['location']): string {
  const parts = [
    location.heading_path?.length ? location.heading_path.join(' › ') : null,
    location.page !== undefined ? `page ${location.page}` : null,
    location.row !== undefined ? `row ${location.row}` : null,
  ].filter(Boolean)
  return parts.length ? ` · ${parts.join(', ')}` : ''
}
