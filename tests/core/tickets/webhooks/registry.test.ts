import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TICKET_SOURCES } from '../../../../app/core/tickets/ticket-request.ts'
import { isKnownVendor, webhookAdapters } from '../../../../app/core/tickets/webhooks/index.ts'
import { htmlToText } from '../../../../app/core/tickets/webhooks/text.ts'

describe('webhook adapter registry', () => {
  it('has one adapter per ticket source except api, keyed by its vendor', () => {
    const expected = TICKET_SOURCES.filter((source) => source !== 'api')
    assert.deepEqual(Object.keys(webhookAdapters).sort(), [...expected].sort())
    for (const [key, adapter] of Object.entries(webhookAdapters)) assert.equal(adapter.vendor, key)
  })

  it('knows only those vendors, not inherited object keys', () => {
    assert.equal(isKnownVendor('helpscout'), true)
    for (const name of ['api', 'toString', '__proto__', 'constructor', 'Zendesk', '']) {
      assert.equal(isKnownVendor(name), false, name)
    }
  })
})

describe('htmlToText', () => {
  it('keeps text, turns blocks and breaks into lines, decodes entities, drops scripts', () => {
    const html =
      '<div><h1>Title</h1><p>One &lt;two&gt;<br/>three</p><script>alert(1)</script><ul><li>a</li><li>b</li></ul></div>'
    assert.equal(htmlToText(html), 'Title\n\nOne <two>\nthree\n\na\n\nb')
  })
})
