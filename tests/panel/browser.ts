import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import type { TestApp } from '../helpers/app.ts'
import { REQUIRE_ALL_BACKENDS } from '../helpers/databases.ts'

/** Debian's chromium: tests use it rather than downloading Playwright's own browsers. */
export const CHROMIUM = '/usr/bin/chromium'

/** Why browser tests cannot run here; with REQUIRE_ALL_BACKENDS=1 they fail instead of skipping. */
export const chromiumUnavailable = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not installed`
export const skipBrowser =
  chromiumUnavailable && !REQUIRE_ALL_BACKENDS ? chromiumUnavailable : undefined

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

/** The test app on a real HTTP port (127.0.0.1, picked by the OS). */
export async function listen(t: TestApp): Promise<{ origin: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * Runs in the page (as source: tsconfig has no DOM library): every visible text node's colour
 * against the first opaque background behind it, as WCAG 2 contrast ratios below `minimum`.
 */
const LOW_CONTRAST_TEXTS = `(minimum) => {
  const channel = (v) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).map(Number)
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  const background = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(at).backgroundColor)
      if (a > 0) return [r, g, b]
    }
    return [255, 255, 255]
  }
  const failures = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement
    if (!element || !node.textContent.trim() || element.closest('.sr-only')) continue
    const fg = luminance(rgb(getComputedStyle(element).color))
    const bg = luminance(background(element))
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
    if (ratio < minimum) failures.push(ratio.toFixed(2) + ': ' + node.textContent.trim().slice(0, 40))
  }
  return failures
}`

/** Visible text in `page` whose contrast with its background is below `minimum` (WCAG 2). */
export const lowContrastTexts = (page: Page, minimum: number): Promise<string[]> =>
  page.evaluate(`(${LOW_CONTRAST_TEXTS})(${minimum})`)

/** Runs a browser-side expression (source, since tsconfig has no DOM library). */
export const inPage = <T>(page: Page, expression: string): Promise<T> =>
  page.evaluate(expression) as Promise<T>
