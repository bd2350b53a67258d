import { ignored, singleTicket } from './build.ts'
import { HUB_SIGNATURE, verifyHubSignature } from './hub-signature.ts'
import { isoTimestamp, priorityFrom } from './mapping.ts'
import { fail } from './signature.ts'
import type { NormaliseResult, VerifyInput, WebhookAdapter } from './types.ts'
import { at, compact, isRecord, type JsonObject, list, text, words } from './values.ts'

const HANDLED = new Set(['jira:issue_created', 'jira:issue_updated'])

/** Plain text of an Atlassian Document Format node (descriptions sent through API v3 shapes). */
function adfText(node: unknown): string {
  if (!isRecord(node)) return ''
  if (node.type === 'text') return text(node.text) ?? ''
  const inner = list(node.content).map(adfText).join('')
  return node.type === 'paragraph' || node.type === 'heading' ? `${inner}\n` : inner
}

const description = (value: unknown) =>
  typeof value === 'string' ? value.trim() : adfText(value).trim() || undefined

/** `https://site.atlassian.net/browse/KEY-1`, from the issue's REST `self` link. */
function browseUrl(issue: unknown): string | undefined {
  const self = text(at(issue, 'self'))
  const key = text(at(issue, 'key'))
  const base = self?.split('/rest/api/')[0]
  return base && key && base !== self ? `${base}/browse/${key}` : undefined
}

/** Jira Service Management keeps the request type in a custom field holding `requestType`. */
function requestType(fields: JsonObject): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('customfield_')) {
      const found = text(at(value, 'requestType', 'name'))
      if (found) return found
    }
  }
  return undefined
}

function mapIssue(payload: JsonObject, issue: JsonObject, fields: JsonObject): NormaliseResult {
  const reporter = fields.reporter
  return singleTicket(
    {
      source: 'jira',
      externalTicketId: text(issue.key) ?? text(issue.id),
      requester: {
        vendorId:
          text(at(reporter, 'accountId')) ??
          text(at(reporter, 'key')) ??
          text(at(reporter, 'name')),
        email: text(at(reporter, 'emailAddress')),
      },
      subject: text(fields.summary),
      description: description(fields.description),
      channel: 'web',
      priority: priorityFrom(at(fields, 'priority', 'name')),
      createdAt: isoTimestamp(fields.created, 'ms'),
      updatedAt: isoTimestamp(fields.updated, 'ms'),
      metadata: compact({
        event_type: text(payload.webhookEvent),
        issue_id: text(issue.id),
        project: text(at(fields, 'project', 'key')),
        project_type: text(at(fields, 'project', 'projectTypeKey')),
        issue_type: text(at(fields, 'issuetype', 'name')),
        request_type: requestType(fields),
        status: text(at(fields, 'status', 'name'))?.toLowerCase(),
        labels: words(fields.labels),
        assignee_id:
          text(at(fields, 'assignee', 'accountId')) ?? text(at(fields, 'assignee', 'name')),
        url: browseUrl(issue),
      }),
    },
    {
      id: 'issue.key',
      requester: 'issue.fields.reporter',
      subject: 'issue.fields.summary',
      createdAt: 'issue.fields.created',
    },
  )
}

/** Cloud and Server/Data Center `jira:issue_created` / `jira:issue_updated`; other events ignored. */
async function normaliseJira(payload: unknown): Promise<NormaliseResult> {
  if (!isRecord(payload)) return fail('the body must be a JSON object', 'body')
  const event = text(payload.webhookEvent)
  if (!event || !HANDLED.has(event)) {
    return ignored(`event ${event ?? '(none)'} is not an issue creation or update`)
  }
  const issue = payload.issue
  if (!isRecord(issue)) return fail('the event has no issue', 'issue')
  const fields = isRecord(issue.fields) ? issue.fields : {}
  return mapIssue(payload, issue, fields)
}

export const jiraAdapter: WebhookAdapter = {
  vendor: 'jira',
  signatureHeaders: [HUB_SIGNATURE],
  verify: (input: VerifyInput) => verifyHubSignature(input, ['sha256', 'sha384', 'sha512']),
  normalise: normaliseJira,
}
