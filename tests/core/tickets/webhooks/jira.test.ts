import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { jiraAdapter } from '../../../../app/core/tickets/webhooks/jira.ts'
import { onlyTicket, payload } from './fixtures.ts'

type Issue = { webhookEvent: string; issue: { fields: Record<string, unknown> } }
const normalise = (body: unknown) => jiraAdapter.normalise(body, { headers: {} })

describe('jira issue webhooks', () => {
  it('maps a Jira Cloud jira:issue_created to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('jira-issue_created-cloud.json')))
    assert.deepEqual(ticket, {
      source: 'jira',
      external_ticket_id: 'KAN-3',
      customer_external_id: 'jira:712020:28d10afc-d4b0-47f2-b86f-74d9a5f29c81',
      subject: 'This is test files',
      description: '',
      channel: 'web',
      priority: 'normal',
      created_at: '2026-04-25T18:35:13.605+05:30',
      updated_at: '2026-04-25T18:35:13.605+05:30',
      metadata: {
        event_type: 'jira:issue_created',
        issue_id: '10033',
        project: 'KAN',
        project_type: 'software',
        issue_type: 'Task',
        status: 'to do',
        url: 'https://shettypritesh16.atlassian.net/browse/KAN-3',
      },
    })
  })

  it('maps a Jira Server jira:issue_created to the exact ticket', async () => {
    const ticket = onlyTicket(await normalise(payload('jira-issue_created-server.json')))
    assert.deepEqual(ticket, {
      source: 'jira',
      external_ticket_id: 'BUG-15',
      customer_external_id: 'jira:99:27935d01-92a7-4687-8272-a9b8d3b2ae2e',
      customer_email: 'othello@zulip.com',
      subject: 'New bug with hook',
      description: 'Fix me please',
      channel: 'web',
      priority: 'normal',
      created_at: '2013-03-27T16:53:58.301+00:00',
      updated_at: '2013-03-27T16:53:58.301+00:00',
      metadata: {
        event_type: 'jira:issue_created',
        issue_id: '10400',
        project: 'BUG',
        issue_type: 'Bug',
        status: 'open',
        url: 'http://lfranchi.com:8080/browse/BUG-15',
      },
    })
  })

  it('maps a Service Management issue_updated with its request type and priority', async () => {
    const body = payload<Issue>('jira-issue_created-server.json')
    body.webhookEvent = 'jira:issue_updated'
    Object.assign(body.issue.fields, {
      project: { key: 'SD', projectTypeKey: 'service_desk' },
      customfield_10010: { requestType: { id: '12', name: 'Get IT help' } },
      priority: { name: 'Highest' },
      labels: ['vpn'],
      description: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'VPN is down' }] }],
      },
    })
    const ticket = onlyTicket(await normalise(body))
    assert.equal(ticket.priority, 'urgent')
    assert.equal(ticket.description, 'VPN is down')
    assert.deepEqual(
      [ticket.metadata.project_type, ticket.metadata.request_type, ticket.metadata.labels],
      ['service_desk', 'Get IT help', ['vpn']],
    )
    assert.equal(ticket.metadata.event_type, 'jira:issue_updated')
  })

  it('maps the old and new priority schemes', async () => {
    const expected = {
      Blocker: 'urgent',
      Critical: 'high',
      Minor: 'low',
      Trivial: 'low',
      High: 'high',
      Lowest: 'low',
    }
    for (const [name, priority] of Object.entries(expected)) {
      const body = payload<Issue>('jira-issue_created-server.json')
      body.issue.fields.priority = { name }
      assert.equal(onlyTicket(await normalise(body)).priority, priority, name)
    }
  })

  it('ignores comment and deletion events', async () => {
    for (const event of ['comment_created', 'jira:issue_deleted', 'jira:worklog_updated']) {
      const body = { ...payload('jira-issue_created-cloud.json'), webhookEvent: event }
      const result = await normalise(body)
      assert.equal(result.ok && result.outcome, 'ignored', event)
    }
  })

  it('rejects an issue without a reporter, naming issue.fields.reporter', async () => {
    const body = payload<Issue>('jira-issue_created-cloud.json')
    body.issue.fields.reporter = null
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'issue.fields.reporter')
  })

  it('rejects an issue without summary or description, naming the summary', async () => {
    const body = payload<Issue>('jira-issue_created-server.json')
    delete body.issue.fields.summary
    body.issue.fields.description = null
    const result = await normalise(body)
    assert.equal(!result.ok && result.field, 'issue.fields.summary')
  })

  it('rejects an event without an issue', async () => {
    const result = await normalise({ webhookEvent: 'jira:issue_created' })
    assert.equal(!result.ok && result.field, 'issue')
  })
})
