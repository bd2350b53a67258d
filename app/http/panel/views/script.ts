/**
 * The panel's only script, inlined under the CSP nonce: feedback buttons and copy. It reads
 * the token from the page's own URL (never from the markup) and sends it as a bearer token.
 */
export const SCRIPT = `(() => {
  const main = document.querySelector('main[data-feedback]')
  if (!main) return
  const token = new URLSearchParams(location.search).get('token') || ''
  const said = {
    helpful: 'Marked helpful.',
    not_helpful: 'Marked not helpful.',
    used_in_reply: 'Copied; marked used in reply.',
  }
  const record = async (card, verdict) => {
    const response = await fetch(main.dataset.feedback, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ feedback: [{ chunk_id: card.dataset.chunk, verdict }] }),
    })
    if (response.ok) return
    const body = await response.json().catch(() => null)
    throw new Error((body && body.error && body.error.message) || 'HTTP ' + response.status)
  }
  const copy = async (text) => {
    try {
      return await navigator.clipboard.writeText(text)
    } catch {}
    // Helpdesk iframes often lack clipboard-write permission: fall back to a selection.
    const area = document.createElement('textarea')
    area.value = text
    area.className = 'sr-only'
    document.body.append(area)
    area.select()
    const copied = document.execCommand('copy')
    area.remove()
    if (!copied) throw new Error('the browser refused to copy; select the text instead')
  }
  main.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-verdict]')
    const card = button && button.closest('[data-chunk]')
    if (!card || card.getAttribute('aria-busy') === 'true') return
    const status = card.querySelector('[role=status]')
    const verdict = button.dataset.verdict
    card.setAttribute('aria-busy', 'true')
    status.textContent = 'Saving…'
    try {
      if (verdict === 'used_in_reply') await copy(card.querySelector('.passage').textContent)
      await record(card, verdict)
      for (const b of card.querySelectorAll('button[aria-pressed]'))
        b.setAttribute('aria-pressed', String(b === button))
      status.textContent = said[verdict]
    } catch (error) {
      status.textContent = 'Not saved: ' + error.message
    } finally {
      card.setAttribute('aria-busy', 'false')
    }
  })
})()`
