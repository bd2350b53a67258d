import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { wordVectorsLoader } from '../../../app/adapters/knowledge-base/word-vectors.ts'
import { createSearchIndex, type IndexedChunk } from '../../../app/core/knowledge/search/index.ts'
import {
  firstAppearances,
  ndcgAt,
  percentile,
  recallAt,
  reciprocalRankAt,
} from '../../../app/core/knowledge/search/metrics.ts'
import { pairsOf, queryTerms } from '../../../app/core/knowledge/search/pairs.ts'
import { windows } from '../../../app/core/knowledge/search/passages.ts'
import { stem } from '../../../app/core/knowledge/search/stem.ts'
import { keptWords, stemWords, tokenize } from '../../../app/core/knowledge/search/tokenize.ts'

const chunk = (id: string, title: string, text: string, heading?: string): IndexedChunk => ({
  id,
  documentKey: `${id.split('#')[0]}.md`,
  title,
  text,
  headingPath: heading ? [title, heading] : [title],
  metadata: { source: 'help-centre' },
})

const CHUNKS: IndexedChunk[] = [
  chunk(
    'password#0',
    'Reset your password',
    'If you forgot your password or cannot sign in, click "Forgot password" on the login page. We email you a reset link that expires after one hour. Choose a new password of at least twelve characters.',
  ),
  chunk(
    'password#1',
    'Reset your password',
    'Reset links can only be used once. If the email does not arrive, check your spam folder or request another link.',
    'Reset email not received',
  ),
  chunk(
    'refunds#0',
    'Refund policy',
    'You can request a refund within 30 days of purchase. Refunds are issued to the original payment method and take five to ten business days to appear on your statement.',
  ),
  chunk(
    'refunds#1',
    'Refund policy',
    'Digital downloads and gift cards are not refundable once redeemed.',
    'Exceptions',
  ),
  chunk(
    'shipping#0',
    'Shipping times',
    'Standard delivery takes three to five business days. Express delivery arrives the next business day when ordered before 2 pm. International parcels take up to three weeks.',
  ),
  chunk(
    '2fa#0',
    'Two-factor authentication',
    'Protect your account with a second step at sign in. Turn on two-factor authentication in Security settings and scan the QR code with an authenticator app. Keep your backup codes somewhere safe.',
  ),
  chunk(
    'cancel#0',
    'Cancel your subscription',
    'To cancel your subscription, open Billing and choose Cancel plan. Your plan stays active until the end of the current billing period and you will not be charged again.',
  ),
  chunk(
    'invoices#0',
    'Download invoices',
    'Every payment creates an invoice. Download PDF invoices from Billing, Invoice history. Add your company name and VAT number under Billing details so they appear on future invoices.',
  ),
  chunk(
    'email#0',
    'Change your email address',
    'Update the email address of your account in Profile settings. We send a confirmation message to the new address before the change takes effect.',
  ),
  chunk(
    'delete#0',
    'Delete your account',
    'Deleting your account removes your profile, order history and saved addresses permanently. Cancel any active subscription first.',
  ),
  chunk(
    'payment#0',
    'Update your payment method',
    'Add or replace a credit card in Billing, Payment methods. A card that expires is declined at renewal, so update it before the expiry date.',
  ),
  chunk(
    'track#0',
    'Track your order',
    'Follow your parcel with the tracking number in your shipping confirmation email. Tracking updates can take 24 hours to show after dispatch.',
  ),
]

const index = createSearchIndex(CHUNKS)
const topId = (query: string) => index.search(query)[0]?.chunk.id

describe('createSearchIndex', () => {
  it('reports how many chunks it holds', () => {
    assert.equal(index.size, CHUNKS.length)
    assert.equal(createSearchIndex([]).size, 0)
    assert.deepEqual(createSearchIndex([]).search('password'), [])
  })

  it('ranks the right chunk first for paraphrased support questions', () => {
    assert.equal(topId("I forgot my password and can't log in"), 'password#0')
    assert.equal(topId('Hi, I was wondering how long delivery takes?'), 'shipping#0')
    assert.equal(topId('how do I stop my plan from renewing and cancel billing'), 'cancel#0')
    assert.equal(topId('where can I get a PDF invoice with our VAT number'), 'invoices#0')
    assert.equal(topId('set up an authenticator app for my account'), '2fa#0')
  })

  it('matches inflected forms through stemming', () => {
    assert.equal(stem('refunding'), stem('refund'))
    assert.equal(index.search('refunding')[0]?.chunk.documentKey, 'refunds.md')
    assert.equal(topId('deleting accounts'), 'delete#0')
    assert.deepEqual(createSearchIndex(CHUNKS, { stem: false }).search('refunding'), [])
  })

  it('boosts a match in the title or headings over the same words in a body', () => {
    const body = chunk('b#0', 'Checkout', 'Gift cards, gift cards and more gift cards at checkout.')
    const titled = chunk('a#0', 'Gift cards', 'Use them at checkout, they never expire.')
    const headed = chunk('c#0', 'Billing', 'Use them at checkout, they never expire.', 'Gift cards')
    const order = (chunks: IndexedChunk[], flat = false) =>
      createSearchIndex(chunks, flat ? { fieldWeights: { title: 1, headings: 1, text: 1 } } : {})
        .search('gift cards', { maxResults: 2 })
        .map((h) => h.chunk.id)
    assert.deepEqual(order([body, titled]), ['a#0', 'b#0'])
    assert.deepEqual(order([body, headed]), ['c#0', 'b#0'])
    assert.deepEqual(order([body, titled], true), ['b#0', 'a#0'])
  })

  it('prefers the words of the query in that order over the same words apart', () => {
    const apart = chunk(
      'apart#0',
      'Forms',
      'Print the form. The card reader in the office scans a replacement of the ID.',
    )
    const together = chunk(
      'together#0',
      'Forms',
      'Print the form. The office scans the ID and then issues a replacement card.',
    )
    const ids = createSearchIndex([apart, together])
      .search('replacement card', { maxResults: 2 })
      .map((h) => h.chunk.id)
    assert.deepEqual(ids, ['together#0', 'apart#0'])
  })

  it('ranks a chunk whose words cluster in one passage above one that scatters them', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `topic${i}`).join(' ')
    const scattered = chunk(
      's#0',
      'Guide',
      `Medicare ${filler(60)} premium ${filler(60)} surcharge`,
    )
    const clustered = chunk(
      'c#0',
      'Guide',
      `${filler(60)} Medicare premium surcharge ${filler(60)}`,
    )
    const top = createSearchIndex([scattered, clustered], { pairWeight: 0 }).search(
      'medicare surcharge premium',
    )[0]
    assert.equal(top?.chunk.id, 'c#0')
  })

  it('ranks the page whose title is exactly the question topic above longer titles', () => {
    const exact = chunk('exact#0', 'Disability benefits', 'Who qualifies and how to apply.')
    const longer = chunk(
      'longer#0',
      'Disability benefits planner: how you qualify for family benefits',
      'Who qualifies and how to apply.',
    )
    const top = createSearchIndex([longer, exact]).search('info on disability benefits')[0]
    assert.equal(top?.chunk.id, 'exact#0')
  })

  it('drops chunks the filter rejects', () => {
    const hits = index.search('reset password', {
      maxResults: 10,
      filter: (c) => c.id !== 'password#0',
    })
    assert.ok(hits.length > 0)
    assert.ok(hits.every((h) => h.chunk.id !== 'password#0'))
    assert.equal(hits[0]?.chunk.id, 'password#1')
  })

  it('returns at most maxResults hits, 3 by default', () => {
    assert.equal(index.search('your account billing email password card').length, 3)
    assert.equal(
      index.search('your account billing email password card', { maxResults: 5 }).length,
      5,
    )
    assert.equal(index.search('password', { maxResults: 1 }).length, 1)
    assert.deepEqual(index.search('password', { maxResults: 0 }), [])
  })

  it('sorts hits by score, every score within 0..1', () => {
    const hits = index.search('billing payment card invoice subscription', { maxResults: 12 })
    assert.ok(hits.length >= 4)
    for (const [i, h] of hits.entries()) {
      assert.ok(h.score >= 0 && h.score <= 1, `score ${h.score}`)
      if (i > 0) assert.ok(h.score <= (hits[i - 1]?.score ?? 1))
    }
  })

  it('scores an unrelated query below 0.5 and a relevant one above 0.7, with or without word vectors', async () => {
    const wordVectors = await wordVectorsLoader('bundled')()
    for (const engine of [index, createSearchIndex(CHUNKS, { wordVectors })]) {
      for (const q of [
        "what's the weather on Mars",
        'recipe for banana bread',
        'weather forecast for the email',
      ])
        for (const h of engine.search(q, { maxResults: 12 }))
          assert.ok(h.score < 0.5, `${q}: ${h.score}`)
      const relevant = engine.search('reset my password')[0]
      assert.equal(relevant?.chunk.id, 'password#0')
      assert.ok((relevant?.score ?? 0) > 0.7, `score ${relevant?.score}`)
    }
  })

  it('applies minScore as a threshold', () => {
    assert.deepEqual(index.search('weather forecast for the email', { minScore: 0.5 }), [])
    assert.ok(index.search('reset my password', { minScore: 0.5 }).length > 0)
  })

  it('returns [] for an empty or stop-word-only query', () => {
    assert.deepEqual(index.search(''), [])
    assert.deepEqual(index.search('   ?! '), [])
    assert.deepEqual(index.search('the and of it is'), [])
  })

  it('is deterministic', () => {
    const q = 'I want my money back for the gift card'
    const again = createSearchIndex(CHUNKS).search(q, { maxResults: 12 })
    assert.deepEqual(index.search(q, { maxResults: 12 }), again)
  })
})

describe('engine parts', () => {
  it('makes index terms from kept words exactly as tokenize makes them from the text', () => {
    const text = "Hello, I'm wondering: can't I reset my Café passwords in the VR&E portal?"
    for (const options of [{}, { stem: false }, { dropFiller: true }, { stopWords: false }]) {
      const words = keptWords(text, options)
      assert.deepEqual(stemWords(words, options), tokenize(text, options))
    }
    assert.deepEqual(stemWords(['passwords', 'resetting']), ['password', 'reset'])
    assert.deepEqual(stemWords(['passwords'], { stem: false }), ['passwords'])
  })

  it('splits a body into overlapping windows that cover every term', () => {
    assert.deepEqual(windows(3, { size: 4, stride: 2 }), [[0, 3]])
    assert.deepEqual(windows(10, { size: 4, stride: 2 }), [
      [0, 4],
      [2, 6],
      [4, 8],
      [6, 10],
    ])
    assert.deepEqual(windows(9, { size: 4, stride: 2 }).at(-1), [5, 9])
  })

  it('weighs adjacent query pairs below the terms themselves', () => {
    assert.deepEqual(pairsOf(['a', 'b', 'c']), ['a_b', 'b_c'])
    assert.deepEqual(
      [...queryTerms(['retir', 'estim', 'retir'], 0.3)],
      [
        ['retir', 2],
        ['estim', 1],
        ['retir_estim', 0.3],
        ['estim_retir', 0.3],
      ],
    )
    assert.deepEqual(
      [...queryTerms(['a', 'b'], 0)],
      [
        ['a', 1],
        ['b', 1],
      ],
    )
  })
})

describe('retrieval metrics', () => {
  const ranked = ['d3', 'd1', 'd7', 'd2']
  const relevant = new Set(['d1', 'd2'])

  it('computes recall@k as the share of relevant ids in the first k', () => {
    assert.equal(recallAt(ranked, relevant, 1), 0)
    assert.equal(recallAt(ranked, relevant, 2), 0.5)
    assert.equal(recallAt(ranked, relevant, 5), 1)
    assert.equal(recallAt(ranked, new Set(), 5), 0)
  })

  it('computes the reciprocal rank of the first relevant id within k', () => {
    assert.equal(reciprocalRankAt(ranked, relevant, 10), 0.5)
    assert.equal(reciprocalRankAt(ranked, relevant, 1), 0)
    assert.equal(reciprocalRankAt(['d1'], relevant, 10), 1)
  })

  it('computes nDCG@k with log2 discounts', () => {
    // DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068; ideal = 1 + 1/log2(3) = 1.63093
    assert.ok(Math.abs(ndcgAt(ranked, relevant, 10) - 1.06161 / 1.63093) < 1e-4)
    assert.equal(ndcgAt(['d1', 'd2'], relevant, 10), 1)
    assert.equal(ndcgAt(['d9'], relevant, 10), 0)
  })

  it('ranks documents by first appearance among chunk hits', () => {
    assert.deepEqual(firstAppearances(['a', 'b', 'a', 'c', 'b', 'd'], 3), ['a', 'b', 'c'])
  })

  it('takes nearest-rank percentiles', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10]
    assert.equal(percentile(samples, 50), 5)
    assert.equal(percentile(samples, 99), 10)
    assert.ok(Number.isNaN(percentile([], 50)))
  })
})
