import type { Child } from 'hono/jsx'
import { SCRIPT } from './script.ts'
import { STYLES } from './styles.ts'

export interface LayoutProps {
  title: string
  nonce: string
  /** Reload after this many seconds (the ticket is still processing or not here yet). */
  refreshSeconds?: number
  script?: boolean
  children: Child
}

/** The HTML shell: one transfer, style and script inline under the page's CSP nonce. */
export function Layout({ title, nonce, refreshSeconds, script = false, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        <title>{title}</title>
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        {children}
        {script ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} /> : null}
      </body>
    </html>
  )
}
