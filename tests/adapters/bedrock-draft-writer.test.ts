import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
} from '@aws-sdk/client-bedrock-agent-runtime'
import { mockClient } from 'aws-sdk-client-mock'
import { createBedrockDraftWriter, DRAFT_PROMPT } from '../../app/adapters/draft-writer/bedrock.ts'

const GENERATED = JSON.parse(
  readFileSync(new URL('../fixtures/bedrock/retrieve-and-generate.json', import.meta.url), 'utf8'),
)
const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'
const FORGOT = 'markdown/login-gov-help/trouble-signing-in/forgot-your-password._en.md'

function setup(hybrid = false) {
  const runtime = new BedrockAgentRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  const mock = mockClient(runtime)
  mock.on(RetrieveAndGenerateCommand).resolves(GENERATED)
  const writer = createBedrockDraftWriter({
    knowledgeBaseId: 'KBID123456',
    modelArn: MODEL,
    hybrid,
    bucketPrefix: 's3://support-kb-docs/kb/',
    runtime,
  })
  return { writer, mock }
}

describe('Bedrock draft writer (RetrieveAndGenerate)', () => {
  it('sends the ticket as the query to the knowledge base with the model, filters and prompt', async () => {
    const { writer, mock } = setup()
    await writer.draft({
      subject: 'Locked out',
      description: 'I forgot my password and cannot sign in.',
      filters: { prefix: 'markdown/', metadata: { category: 'account' } },
    })
    assert.deepEqual(mock.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input, {
      input: { text: 'Locked out\n\nI forgot my password and cannot sign in.' },
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: 'KBID123456',
          modelArn: MODEL,
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: 5,
              overrideSearchType: 'SEMANTIC',
              filter: {
                andAll: [
                  {
                    startsWith: {
                      key: 'x-amz-bedrock-kb-source-uri',
                      value: 's3://support-kb-docs/kb/markdown/',
                    },
                  },
                  { equals: { key: 'category', value: 'account' } },
                ],
              },
            },
          },
          generationConfiguration: { promptTemplate: { textPromptTemplate: DRAFT_PROMPT } },
        },
      },
    })
    assert.match(
      DRAFT_PROMPT,
      /\$search_results\$[\s\S]*\$query\$[\s\S]*\$output_format_instructions\$/,
    )
  })

  it('maps output.text and every cited reference once, as document keys and chunk ids', async () => {
    const { writer, mock } = setup(true)
    const draft = await writer.draft({ subject: 'Password', description: 'Reset?' })
    assert.equal(draft.generator, 'bedrock')
    assert.equal(draft.text, GENERATED.output.text)
    assert.deepEqual(draft.citations, [
      {
        documentKey: FORGOT,
        chunkId: '1%3A0%3AQ3Vw8ZEBm3-aWWQmSkVK',
        text: GENERATED.citations[0].retrievedReferences[0].content.text,
      },
      {
        documentKey: FORGOT,
        chunkId: '1%3A0%3AU3Vw8ZEBm3-aWWQmSkVO',
        text: GENERATED.citations[0].retrievedReferences[1].content.text,
      },
    ])
    const sent = mock.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input
    assert.deepEqual(
      sent?.retrieveAndGenerateConfiguration?.knowledgeBaseConfiguration?.retrievalConfiguration,
      { vectorSearchConfiguration: { numberOfResults: 5, overrideSearchType: 'HYBRID' } },
    )
  })
})
