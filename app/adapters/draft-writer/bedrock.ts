import {
  BedrockAgentRuntimeClient,
  type KnowledgeBaseVectorSearchConfiguration,
  RetrieveAndGenerateCommand,
  type RetrieveAndGenerateResponse,
} from '@aws-sdk/client-bedrock-agent-runtime'
import type { DraftCitation, DraftRequest, DraftWriter } from '../../ports/draft-writer.ts'
import {
  createUriMapper,
  toBedrockFilter,
  toChunk,
  type UriMapper,
} from '../knowledge-base/bedrock-mapping.ts'

/**
 * Bedrock fills `$search_results$` with the retrieved passages, `$query$` with the ticket and
 * `$output_format_instructions$` with what it needs to return citations.
 */
export const DRAFT_PROMPT = `You are a customer-support agent writing a reply to the customer's ticket below.
Use only the search results; if they do not answer the ticket, say that the team will look into it.
Be brief and friendly: a greeting, the answer in a few sentences, a closing line. Do not invent policies.

Search results:
$search_results$

Ticket:
$query$

$output_format_instructions$`

export interface BedrockDraftWriterOptions {
  knowledgeBaseId: string
  /** The generating model (or inference profile) ARN. */
  modelArn: string
  /** As for the knowledge base: HYBRID on OpenSearch Serverless, SEMANTIC otherwise. */
  hybrid?: boolean
  bucketPrefix?: string
  numberOfResults?: number
  promptTemplate?: string
  /** The ticket text sent as the query is cut to this many characters (default 1000). */
  maxQueryChars?: number
  runtime?: BedrockAgentRuntimeClient
}

/** Drafts with RetrieveAndGenerate over the Bedrock knowledge base, citing what it retrieved. */
export function createBedrockDraftWriter({
  runtime = new BedrockAgentRuntimeClient({}),
  numberOfResults = 5,
  maxQueryChars = 1_000,
  promptTemplate = DRAFT_PROMPT,
  ...options
}: BedrockDraftWriterOptions): DraftWriter {
  const uris = createUriMapper(options.bucketPrefix)
  return {
    async draft({ subject, description, filters }: DraftRequest) {
      const vectorSearchConfiguration: KnowledgeBaseVectorSearchConfiguration = {
        numberOfResults,
        overrideSearchType: options.hybrid ? 'HYBRID' : 'SEMANTIC',
      }
      const filter = toBedrockFilter(filters, uris)
      if (filter) vectorSearchConfiguration.filter = filter
      const response = await runtime.send(
        new RetrieveAndGenerateCommand({
          input: { text: `${subject}\n\n${description}`.slice(0, maxQueryChars) },
          retrieveAndGenerateConfiguration: {
            type: 'KNOWLEDGE_BASE',
            knowledgeBaseConfiguration: {
              knowledgeBaseId: options.knowledgeBaseId,
              modelArn: options.modelArn,
              retrievalConfiguration: { vectorSearchConfiguration },
              generationConfiguration: { promptTemplate: { textPromptTemplate: promptTemplate } },
            },
          },
        }),
      )
      return {
        text: response.output?.text ?? '',
        citations: citationsOf(response, uris),
        generator: 'bedrock',
      }
    },
  }
}

/** Every retrieved reference of every citation, each chunk once, in order of appearance. */
function citationsOf(response: RetrieveAndGenerateResponse, uris: UriMapper): DraftCitation[] {
  const references = (response.citations ?? []).flatMap((c) => c.retrievedReferences ?? [])
  const byChunk = new Map<string, DraftCitation>()
  references.forEach((reference, index) => {
    const { chunkId, documentKey, text } = toChunk(reference, index, uris)
    if (!byChunk.has(chunkId)) byChunk.set(chunkId, { documentKey, chunkId, text })
  })
  return [...byChunk.values()]
}
