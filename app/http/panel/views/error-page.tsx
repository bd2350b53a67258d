import type { ErrorBody } from '../../errors.ts'
import { Layout } from './layout.tsx'

const ADVICE: Record<string, string> = {
  unauthorized: 'Reopen the ticket in your helpdesk to get a fresh panel link.',
  not_found: 'The ticket has not reached us yet; this panel retries on its own.',
}

/** An error as a page, carrying the same code, message and correlation id as the JSON shape. */
export function ErrorPage({ body, nonce }: { body: ErrorBody; nonce: string }) {
  const { code, message, correlation_id } = body.error
  return (
    <Layout
      title="Support context unavailable"
      nonce={nonce}
      refreshSeconds={code === 'not_found' ? 10 : undefined}
    >
      <main aria-labelledby="error-heading">
        <h1 id="error-heading">Support context unavailable</h1>
        <p class="notice error" data-code={code}>
          {message}
        </p>
        {ADVICE[code] ? <p>{ADVICE[code]}</p> : null}
        <p class="note">
          Error {code} · correlation id {correlation_id}
        </p>
      </main>
    </Layout>
  )
}
