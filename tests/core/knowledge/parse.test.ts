import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  DocumentParseError,
  isSupportedDocument,
  parseDocument,
  SUPPORTED_EXTENSIONS,
} from '../../../app/core/knowledge/parse/index.ts'
import type { ParsedDocument, Passage } from '../../../app/core/knowledge/types.ts'

const DOCS = 'data/documents'
const FIXTURES = 'tests/fixtures/documents'
const SUPPORT_FAQ = `${DOCS}/html/apache-httpd-faq-support.html`
const LOGIN_GOV = `${DOCS}/markdown/login-gov-help`
const WHAT_TO_DO = `"Why can't I ...? Why won't ... work?" What to do in case of problems`

const bytesOf = (path: string) => new Uint8Array(readFileSync(path))
const parseFile = (path: string) => parseDocument({ key: path, bytes: bytesOf(path) })
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'))

function passageUnder(doc: ParsedDocument, heading: string): Passage {
  const passage = doc.passages.find((p) => p.location.headingPath?.at(-1) === heading)
  assert.ok(passage, `no passage under "${heading}"`)
  return passage
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : []
  })
}

async function rejection(promise: Promise<unknown>): Promise<DocumentParseError> {
  const error: unknown = await promise.catch((e: unknown) => e)
  assert.ok(error instanceof DocumentParseError, `got ${String(error)}`)
  return error
}

describe('parseDocument: PDF', () => {
  it('gives one passage per page of the handbook, with its text on the right page', async () => {
    const doc = await parseFile(`${DOCS}/pdf/covidqa-annotation-tool-handbook.pdf`)
    assert.equal(doc.title, 'Handbook: DeepAnnotation')
    const pages = doc.passages.map((p) => p.location.page)
    assert.deepEqual(
      pages,
      Array.from({ length: 13 }, (_, i) => i + 1),
    )
    const page8 = doc.passages[7]?.text ?? ''
    assert.ok(page8.startsWith('Picture 6: Creating a standard question\nAttention:\n'))
    assert.match(page8, /Each block should not contain more than around 10 standard questions!/)
    assert.ok(!doc.passages[6]?.text.includes('Each block should not contain'))
  })

  it('rejects a corrupt PDF and a truncated one with DocumentParseError', async () => {
    const key = `${FIXTURES}/corrupt.pdf`
    const error = await rejection(parseFile(key))
    assert.equal(error.key, key)
    assert.equal(error.kind, 'unreadable')
    assert.match(error.reason, /Invalid PDF structure/)
    const truncated = bytesOf(`${DOCS}/pdf/covidqa-annotation-tool-handbook.pdf`).slice(0, 40_000)
    await rejection(parseDocument({ key: 'handbook.pdf', bytes: truncated }))
  })
})

describe('parseDocument: HTML', () => {
  it('splits the Apache FAQ into sections under its headings, chrome removed', async () => {
    const doc = await parseFile(SUPPORT_FAQ)
    assert.equal(doc.title, 'Support - Frequently Asked Questions - Apache HTTP Server')
    const contact = passageUnder(doc, 'Whom do I contact for support?')
    assert.deepEqual(contact.location.headingPath, [
      'Support - Frequently Asked Questions',
      'Support',
      'Whom do I contact for support?',
    ])
    assert.equal(
      contact.text,
      'With several million users and fewer than forty volunteer developers, we cannot provide ' +
        'personal support for Apache. For free support, we suggest participating in a user forum.',
    )
    const steps = passageUnder(doc, WHAT_TO_DO)
    assert.match(steps.text, /diagnose & fix the problem yourself/)
    assert.match(steps.text, /\n# cd ServerRoot\n# dbx httpd core\n\(dbx\) where\n/)
    const all = doc.passages.map((p) => p.text).join('\n')
    for (const chrome of ['Modules | Directives', 'Available Languages', 'Copyright 2011']) {
      assert.ok(!all.includes(chrome), `chrome "${chrome}" leaked`)
    }
  })

  it('honours the ISO-8859-1 XML declaration and a http-equiv meta charset', async () => {
    // Latin-1 bytes for é, ©, and windows-1252's curly quotes, which browsers read in ISO-8859-1.
    const page = readFileSync(SUPPORT_FAQ, 'latin1').replace(
      'For free support,',
      'For free support (\xe9t\xe9 comme hiver, \xa9 ASF, \x93quoted\x94),',
    )
    assert.ok(page.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>'))
    const viaXml = await parseDocument({ key: 'faq.html', bytes: latin1(page) })
    const expected = 'For free support (été comme hiver, © ASF, “quoted”),'
    assert.ok(passageUnder(viaXml, 'Whom do I contact for support?').text.includes(expected))

    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1" />'
    const html = `<html><head>${meta}<title>Caf\xe9</title></head><body><h1>R\xe9sum\xe9</h1><p>d\xe9j\xe0 vu</p></body></html>`
    const viaMeta = await parseDocument({ key: 'cafe.htm', bytes: latin1(html) })
    assert.deepEqual(viaMeta, {
      title: 'Café',
      passages: [{ text: 'déjà vu', location: { headingPath: ['Résumé'] } }],
    })
    const utf8 = new TextEncoder().encode('<meta charset="utf-8"><p>déjà vu</p>')
    const viaUtf8 = await parseDocument({ key: 'x.html', bytes: utf8 })
    assert.equal(viaUtf8.passages[0]?.text, 'déjà vu')
  })

  it('drops script, style, nav and role=navigation but keeps prose about scripts', async () => {
    const injected = readFileSync(SUPPORT_FAQ, 'latin1').replace(
      '<body id="manual-page" class="no-sidebar">',
      '$&<script>var trackingId = "UA-1"</script><style>p { color: red }</style>' +
        '<nav>Home Products</nav><div role="navigation">Skip to main</div>',
    )
    const doc = await parseDocument({ key: 'faq.html', bytes: latin1(injected) })
    const all = doc.passages.map((p) => p.text).join('\n')
    for (const leaked of ['trackingId', 'color: red', 'Home Products', 'Skip to main']) {
      assert.ok(!all.includes(leaked), `"${leaked}" leaked`)
    }
    assert.ok(all.includes('Check the errorlog!'))
    const errors = await parseFile(`${DOCS}/html/apache-httpd-faq-error-messages.html`)
    assert.match(
      passageUnder(errors, 'Premature end of script headers').text,
      /^Most problems with CGI scripts result in this message/,
    )
  })
})

describe('parseDocument: Markdown', () => {
  it('reads a Login.gov article: front-matter title, sections, accordion headings', async () => {
    const doc = await parseFile(`${LOGIN_GOV}/trouble-signing-in/forgot-your-password._en.md`)
    assert.equal(doc.title, 'Why isn’t my email or password working?')
    const reset = passageUnder(doc, 'How to reset your password')
    assert.ok(reset.text.startsWith('1. Go to https://secure.login.gov.\n\n2. Select the “Forgot'))
    assert.match(reset.text, /\n- Unique phrases that only you recognize\n/)
    const key = passageUnder(doc, 'How to reset your password if you have a personal key')
    const path = key.location.headingPath?.join(' > ')
    assert.match(path ?? '', /^How to reset your password > How to .* have a personal key$/)
    assert.match(key.text, /^When you reset your password, you’ll need your personal key/)
    assert.equal(
      passageUnder(doc, 'Related articles').text,
      '- How do I change the email address associated with my account?\n' +
        '- How do I change my password?\n' +
        '- How do I change the email address shared with a partner agency?',
    )
  })

  it('renders front-matter lists that Jekyll includes pull in', async () => {
    const doc = await parseFile(`${LOGIN_GOV}/verify-your-identity/accepted-id-type._en.md`)
    assert.equal(
      passageUnder(doc, 'We do not accept:').text,
      '- Non-U.S. passports\n- Military IDs\n- Firearm license or permit cards\n' +
        '- Expired IDs or extension documents\n- Paper or temporary IDs\n- Non-U.S. IDs',
    )
  })

  it('leaves no front matter, kramdown, Liquid, link or HTML residue in any of the 55 articles', async () => {
    const files = markdownFiles(LOGIN_GOV)
    assert.equal(files.length, 55)
    for (const file of files) {
      const doc = await parseFile(file)
      const frontTitle = readFileSync(file, 'utf8').match(/^title: ["']?(.+?)["']?$/m)?.[1]
      assert.equal(doc.title, frontTitle, file)
      assert.ok(doc.passages.length > 0, file)
      for (const { text } of doc.passages) {
        assert.doesNotMatch(text, /\{:|\{%|%\}|\{\{|\]\(|<\/?[a-z][^>]*>|^layout:|&[a-z]+;/m, file)
      }
    }
  })

  it('keeps code verbatim and understands setext headings, entities and emphasis', async () => {
    const md = [
      '# Guide',
      'Run `npm <install>` first.',
      '```sh\n# not a heading\necho "<div>"\n```',
      'See [the docs](http://x.y/(a)) &amp; more.',
      'Setext Title\n============',
      'Body *em*, _em_ and snake_case_name.',
    ].join('\n\n')
    const doc = await parseDocument({ key: 'guide.md', bytes: new TextEncoder().encode(md) })
    assert.deepEqual(doc, {
      title: 'Guide',
      passages: [
        {
          text: 'Run npm <install> first.\n\n# not a heading\necho "<div>"\n\nSee the docs & more.',
          location: { headingPath: ['Guide'] },
        },
        {
          text: 'Body em, em and snake_case_name.',
          location: { headingPath: ['Setext Title'] },
        },
      ],
    })
  })
})

describe('parseDocument: DOCX', () => {
  it('keeps Word headings as heading paths and table rows as lines', async () => {
    const doc = await parseFile(`${DOCS}/docx/smartydo-user-guide.docx`)
    assert.equal(doc.title, 'User Guide')
    const remove = passageUnder(doc, '3.6. Delete Tasks:')
    const path = remove.location.headingPath?.join(' > ')
    assert.equal(path, 'User Guide > 3. Getting Started > 3.6. Delete Tasks:')
    assert.ok(
      remove.text.startsWith(
        'Deletes the specified Task from the SmartyDo.\n\nFormat: delete INDEX',
      ),
    )
    const add = passageUnder(doc, '3.2. Add Tasks:')
    assert.match(add.text, /\nParameter \| Usage \| Format Requirements\n/)
    assert.match(add.text, /\n\[Priority\] \| \/p \| numbers, 1 = highest\n/)
    assert.ok(!doc.passages.some((p) => /Table of Contents|Introduction\t2/.test(p.text)))
  })

  it('rejects bytes that are not a DOCX archive', async () => {
    const error = await rejection(
      parseDocument({ key: 'guide.docx', bytes: latin1('PK\x03\x04 nope') }),
    )
    assert.equal(error.kind, 'unreadable')
  })
})

describe('parseDocument: CSV', () => {
  it('gives one passage per FAQ row with column names, skipping answer_html', async () => {
    const doc = await parseFile(`${DOCS}/csv/cdc-covid19-faq.csv`)
    assert.equal(doc.title, 'Cdc covid19 faq')
    assert.equal(doc.passages.length, 111)
    assert.deepEqual(
      doc.passages.map((p) => p.location.row),
      Array.from({ length: 111 }, (_, i) => i + 1),
    )
    const first = doc.passages[0]?.text ?? ''
    const novel =
      'A novel coronavirus is a new coronavirus that has not been previously identified.'
    assert.ok(first.startsWith(`question: What is a novel coronavirus?\nanswer: ${novel}`))
    assert.match(first, /\nlink: https:\/\/www\.cdc\.gov\/coronavirus\/2019-ncov\/faq\.html\n/)
    assert.match(first, /\ncategory: Coronavirus Disease 2019 Basics\n/)
    const noise = doc.passages.find((p) => /^answer_html:|<p>|^region:|^city:/m.test(p.text))
    assert.equal(noise, undefined, 'markup column or empty value kept')
  })

  it('rejects a CSV with an unterminated quote', async () => {
    await rejection(parseDocument({ key: 'faq.csv', bytes: latin1('q,a\n"open,1\n') }))
  })
})

describe('parseDocument: TXT and dispatch', () => {
  it('splits a text file into paragraphs, first line as title', async () => {
    const doc = await parseFile(`${FIXTURES}/returns-policy.txt`)
    assert.equal(doc.title, 'Returns and Refunds Policy')
    assert.equal(doc.passages.length, 6)
    assert.match(doc.passages[2]?.text ?? '', /^To start a return, sign in to your account/)
  })

  it('rejects unsupported types and picks a parser by content type without extension', async () => {
    const error = await rejection(parseDocument({ key: 'prices.xlsx', bytes: latin1('PK') }))
    assert.equal(error.kind, 'unsupported')
    assert.equal(error.key, 'prices.xlsx')
    await rejection(parseDocument({ key: 'blob', bytes: latin1('x'), contentType: 'image/png' }))
    const md = await parseDocument({
      key: 'kb/blob',
      bytes: latin1('# Refunds\n\nWithin **30** days.'),
      contentType: 'text/markdown; charset=utf-8',
    })
    assert.deepEqual(md, {
      title: 'Refunds',
      passages: [{ text: 'Within 30 days.', location: { headingPath: ['Refunds'] } }],
    })
  })

  it('gives zero passages for empty documents', async () => {
    for (const key of ['empty.pdf', 'empty.txt', 'empty.csv', 'empty.html']) {
      assert.deepEqual((await parseDocument({ key, bytes: new Uint8Array() })).passages, [], key)
    }
    const blank = latin1('---\ntitle: Blank\n---\n\n')
    assert.deepEqual(await parseDocument({ key: 'b.md', bytes: blank }), {
      title: 'Blank',
      passages: [],
    })
  })

  it('knows its extensions in any case', () => {
    const extensions = [...SUPPORTED_EXTENSIONS].sort().join(' ')
    assert.equal(extensions, '.csv .docx .htm .html .markdown .md .pdf .txt')
    assert.equal(isSupportedDocument('kb/Guide.PDF'), true)
    assert.equal(isSupportedDocument('kb/create-an-account._en.md'), true)
    assert.equal(isSupportedDocument('kb/prices.xlsx'), false)
    assert.equal(isSupportedDocument('kb/README'), false)
  })
})
