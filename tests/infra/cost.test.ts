import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { StackConfig } from '../../infra/config.ts'
import { type CostEstimate, checkBudget, estimateMonthlyCost } from '../../infra/cost/estimate.ts'
import { readStackFile } from '../../infra/cost/stack-file.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const stack = (name: string) => readStackFile(name, root)
const closeTo = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 0.005, `${what}: ${actual} ≠ ${expected}`)

function variant(name: string, change: (config: StackConfig) => void): StackConfig {
  const config = structuredClone(stack(name))
  change(config)
  return config
}

const subtotal = (estimate: CostEstimate, service: string) =>
  estimate.subtotals.find((s) => s.service === service)?.monthlyUsd ?? 0

const lineUsd = (estimate: CostEstimate, service: string, item: string) => {
  const found = estimate.lines.find((l) => l.service === service && l.item.startsWith(item))
  assert.ok(found, `no line ${service} / ${item}`)
  return found.monthlyUsd
}

describe('cost estimate', () => {
  for (const name of ['dev', 'prod']) {
    it(`keeps the ${name} stack within its own monthlyBudgetUsd`, () => {
      const config = stack(name)
      const budget = checkBudget(estimateMonthlyCost(config), config)
      assert.ok(budget.withinBudget, budget.message)
    })
  }

  it('reports the overage when a stack costs more than its budget', () => {
    const config = variant('prod', (c) => {
      c.monthlyBudgetUsd = 300
    })
    const budget = checkBudget(estimateMonthlyCost(config), config)
    assert.equal(budget.withinBudget, false)
    assert.ok(budget.headroomUsd < 0)
    assert.match(budget.message, /prod: \$\d+\.\d\d exceeds the \$300 budget by \$\d+\.\d\d/)
  })

  it('prices every service the issue names, the vector store and egress chosen per stack', () => {
    const services = (vectors: string, egress: string) => [
      ...['RDS', 'DynamoDB', 'Lambda', 'CloudFront + Function URL', 'SQS', 'S3', vectors],
      ...['Bedrock', egress, 'Secrets Manager', 'CloudWatch', 'EventBridge'],
    ]
    const priced = (name: string) =>
      estimateMonthlyCost(stack(name)).subtotals.map((s) => s.service)
    assert.deepEqual(priced('dev'), services('S3 Vectors', 'Interface endpoints'))
    assert.deepEqual(priced('prod'), services('OpenSearch Serverless', 'NAT gateways'))
    const bedrock = estimateMonthlyCost(stack('prod')).lines.filter((l) => l.service === 'Bedrock')
    assert.deepEqual(
      bedrock.map((l) => l.item),
      [
        'Embeddings: ingestion',
        'Embeddings: queries',
        'Draft generation: input tokens',
        'Draft generation: output tokens',
      ],
    )
  })

  it('adds up: the total is the sum of the lines, each quantity × unit price, free tier not applied', () => {
    for (const name of ['dev', 'prod']) {
      const estimate = estimateMonthlyCost(stack(name))
      for (const l of estimate.lines) closeTo(l.monthlyUsd, l.quantity * l.unitPrice, l.item)
      closeTo(
        estimate.totalUsd,
        estimate.lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
        'total',
      )
      assert.ok(estimate.freeTierSavingsUsd > 0 && estimate.freeTierSavingsUsd < estimate.totalUsd)
      assert.ok(estimate.lines.every((l) => l.note.length > 0 && l.price.date && l.price.source))
    }
  })

  it('matches hand-computed figures from the price table', () => {
    const dev = estimateMonthlyCost(stack('dev'))
    const prod = estimateMonthlyCost(stack('prod'))
    closeTo(lineUsd(dev, 'RDS', 'db.t4g.micro'), 0.018 * 730, 'dev RDS instance')
    closeTo(lineUsd(dev, 'RDS', 'gp3'), 20 * 0.133, 'dev RDS storage')
    closeTo(lineUsd(prod, 'OpenSearch Serverless', 'OCU floor'), 2 * 0.24 * 730, 'prod OCU floor')
    closeTo(lineUsd(dev, 'Interface endpoints', '4 endpoints'), 4 * 0.011 * 730, 'dev endpoints')
    closeTo(lineUsd(prod, 'NAT gateways', '2 gateway'), 2 * 0.05 * 730, 'prod NAT hours')
    closeTo(lineUsd(prod, 'NAT gateways', 'Public IPv4'), 2 * 0.005 * 730, 'prod NAT IPv4')
    closeTo(
      lineUsd(dev, 'Lambda', 'ticket worker duration'),
      3000 * 1 * 1.5 * 0.0000133334,
      'worker',
    )
    closeTo(lineUsd(dev, 'Lambda', 'outbox relay requests'), 0.0438 * 0.2, 'relay requests')
    closeTo(
      lineUsd(prod, 'Bedrock', 'Draft generation: input'),
      (30_000 * 2500 * 1) / 1e6,
      'draft input',
    )
    closeTo(
      lineUsd(prod, 'Bedrock', 'Draft generation: output'),
      (30_000 * 300 * 5) / 1e6,
      'draft output',
    )
    closeTo(lineUsd(prod, 'CloudWatch', 'Logs ingestion'), 20 * 0.5985, 'log ingestion')
    closeTo(lineUsd(dev, 'Secrets Manager', 'Secrets'), 2 * 0.4, 'secrets')
  })

  it('prices the sync’s 5-minute schedule as the relay’s: invocations, GB-seconds and the rule', () => {
    const quantity = (estimate: CostEstimate, service: string, item: string) => {
      const found = estimate.lines.find((l) => l.service === service && l.item === item)
      assert.ok(found, `no line ${service} / ${item}`)
      return found.quantity
    }
    const near = (actual: number, expected: number, what: string) =>
      assert.ok(Math.abs(actual - expected) < expected * 1e-9, `${what}: ${actual} ≠ ${expected}`)
    const runs = 12 * 730 // every 5 minutes: 8,760 a month
    for (const name of ['dev', 'prod']) {
      const estimate = estimateMonthlyCost(stack(name))
      near(quantity(estimate, 'Lambda', 'document sync resume requests'), runs / 1e6, 'requests')
      // The sync's 512 MB (both stacks) × 100 ms: nothing waiting, it returns at once.
      near(
        quantity(estimate, 'Lambda', 'document sync resume duration (arm64)'),
        runs * 0.5 * 0.1,
        'GB-seconds',
      )
      near(quantity(estimate, 'EventBridge', 'Document sync schedule'), runs / 1e6, 'rule')
      near(quantity(estimate, 'EventBridge', 'Outbox relay schedule'), (60 * 730) / 1e6, 'relay')
    }
  })

  it('doubles the RDS instance and storage for Multi-AZ', () => {
    const single = estimateMonthlyCost(stack('dev'))
    const multi = estimateMonthlyCost(
      variant('dev', (c) => {
        c.database.multiAz = true
      }),
    )
    closeTo(
      lineUsd(multi, 'RDS', 'db.t4g.micro'),
      2 * lineUsd(single, 'RDS', 'db.t4g.micro'),
      'instance',
    )
    closeTo(lineUsd(multi, 'RDS', 'gp3'), 2 * lineUsd(single, 'RDS', 'gp3'), 'storage')
  })

  it('raises dev by the OpenSearch floor when it switches from S3 Vectors', () => {
    const vectors = estimateMonthlyCost(stack('dev'))
    const search = estimateMonthlyCost(
      variant('dev', (c) => {
        c.knowledgeBase.vectorStore = 'opensearch-serverless'
      }),
    )
    closeTo(lineUsd(search, 'OpenSearch Serverless', 'OCU floor (1 OCU'), 0.24 * 730, 'floor')
    const expected = subtotal(search, 'OpenSearch Serverless') - subtotal(vectors, 'S3 Vectors')
    closeTo(search.totalUsd - vectors.totalUsd, expected, 'difference')
    assert.ok(search.totalUsd - vectors.totalUsd > 0.24 * 730 - 1)
    const standby = estimateMonthlyCost(
      variant('dev', (c) => {
        c.knowledgeBase.vectorStore = 'opensearch-serverless'
        c.knowledgeBase.openSearchStandbyReplicas = true
      }),
    )
    closeTo(
      subtotal(standby, 'OpenSearch Serverless') - subtotal(search, 'OpenSearch Serverless'),
      0.24 * 730,
      'standby',
    )
  })

  it('prices NAT gateways or interface endpoints, whichever the stack picks', () => {
    const nat = estimateMonthlyCost(
      variant('dev', (c) => {
        c.network.egress = 'nat'
      }),
    )
    assert.equal(subtotal(nat, 'Interface endpoints'), 0)
    closeTo(lineUsd(nat, 'NAT gateways', '1 gateway'), 0.05 * 730, 'one NAT')
    const endpoints = estimateMonthlyCost(
      variant('prod', (c) => {
        c.network.egress = 'interface-endpoints'
      }),
    )
    assert.equal(subtotal(endpoints, 'NAT gateways'), 0)
    // The same four services as the network component builds (drafts go through
    // bedrock-agent-runtime), in each of prod's 2 AZs.
    closeTo(
      lineUsd(endpoints, 'Interface endpoints', '4 endpoints × 2 AZ'),
      4 * 2 * 0.011 * 730,
      'endpoints',
    )
  })

  it('refuses to price what the table has no price for, instead of guessing', () => {
    const config = variant('dev', (c) => {
      c.database.instanceClass = 'db.r7g.large'
    })
    assert.throws(() => estimateMonthlyCost(config), /No price for RDS db\.r7g\.large/)
    const model = variant('prod', (c) => {
      c.knowledgeBase.draftModelId = 'anthropic.unknown-v1:0'
    })
    assert.throws(
      () => estimateMonthlyCost(model),
      /No price for Bedrock model anthropic\.unknown-v1:0/,
    )
  })
})

describe('npm run cost', () => {
  const run = promisify(execFile)
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/cost.ts', ...args], { cwd: root })

  it('prints the dev estimate as JSON and writes the chart as SVG and PNG', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cost-'))
    try {
      const { stdout } = await cli('--stack', 'dev', '--format', 'json', '--out', out)
      const report = JSON.parse(stdout) as {
        estimate: CostEstimate
        budget: { withinBudget: boolean }
      }
      assert.equal(report.estimate.environment, 'dev')
      assert.equal(report.budget.withinBudget, true)
      const png = await readFile(join(out, 'cost-dev.png'))
      assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')])
      const svg = await readFile(join(out, 'cost-dev.svg'), 'utf8')
      assert.match(svg, /support-context dev: \$\d+\.\d\d a month, within the \$80\.00 budget/)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })

  it('prints both stacks side by side with totals, budgets and the price date', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cost-'))
    try {
      const { stdout } = await cli('--stack', 'dev,prod', '--out', out)
      assert.match(stdout, /^\| Service \| dev \| prod \|/)
      assert.match(stdout, /\| OpenSearch Serverless \| — \| \$350\.40 \|/)
      assert.match(stdout, /Unit prices as of 2026-10-06, eu-west-2/)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })

  it('fails with a message on an unknown stack', async () => {
    await assert.rejects(cli('--stack', 'nope', '--out', tmpdir()), /Pulumi\.nope\.yaml/)
  })
})
