import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { loadPanel } from '../../core/panel/load-panel.ts'
import type { PanelClaims } from '../../core/panel/token.ts'
import type { Deps } from '../../deps.ts'
import type { AppEnv } from '../env.ts'
import { type ErrorBody, handleError } from '../errors.ts'
import { newNonce, setPageHeaders } from './headers.ts'
import { ErrorPage } from './views/error-page.tsx'
import { PanelPage } from './views/panel-page.tsx'

type Authorize = (c: Context<AppEnv>, ticketId: string) => PanelClaims

/** GET /panel/tickets/{id}?token=: the page, or the error as a page (JSON to non-browsers). */
export async function renderPanel(
  c: Context<AppEnv>,
  deps: Deps,
  authorize: Authorize,
): Promise<Response> {
  const nonce = newNonce()
  setPageHeaders(c, nonce, deps.config.PANEL_FRAME_ANCESTORS)
  const id = c.req.param('id') ?? ''
  try {
    const claims = authorize(c, id)
    const now = new Date()
    const data = await loadPanel(deps, id, claims.agentId, now)
    const page = PanelPage({
      data,
      nonce,
      feedbackUrl: `/panel/tickets/${encodeURIComponent(id)}/feedback`,
      highValueThreshold: deps.config.HIGH_VALUE_THRESHOLD,
      now,
    })
    return c.html(`<!DOCTYPE html>${await page.toString()}`)
  } catch (error) {
    return errorPage(c, error as Error, nonce)
  }
}

/** The app's own error mapping (and logging), rendered as a page for a browser. */
async function errorPage(c: Context<AppEnv>, error: Error, nonce: string): Promise<Response> {
  const json = handleError(error, c)
  if (!c.req.header('accept')?.includes('text/html')) return json
  const body = (await json.json()) as ErrorBody
  const page = ErrorPage({ body, nonce })
  return c.html(`<!DOCTYPE html>${await page.toString()}`, json.status as ContentfulStatusCode)
}
