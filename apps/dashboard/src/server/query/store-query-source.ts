import 'server-only'
import { z } from 'zod'
import { DashboardError } from '../errors'
import { badResponse, requestUpstream, upstreamJsonBody, upstreamUrl, type Upstream, type UpstreamReply, type UpstreamSend } from '../upstream'
import type { CompareRequest, CompareResult, QueryCapabilities, QueryResult, QuerySource } from './query-source'

// The embedded store answers custom queries itself (`POST /api/query`, `POST /api/query/compare`; its error envelope
// is `{"error":{"code","message"}}`, packages/trace-store/src/http/api-errors.ts). Its 400 says which field of the spec
// is wrong and its 422 that the query ran past its budget: both are about the user's query, so both reach the browser
// with the same status and the store's message. Anything else is the store failing, mapped like every upstream's.

/** The longest message of the store's passed on: a spec's field path and what is wrong with it fit easily. */
const MAX_STORE_MESSAGE_CHARS = 500

const storeErrorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string() }) })
const value = z.union([z.string(), z.number(), z.boolean(), z.null()])
const row = z.object({ data: z.record(z.string(), value), exampleTraceIds: z.array(z.string()) })
const heatmap = z.object({
  calculation: z.string(),
  column: z.string(),
  cells: z.array(z.object({ time: z.string(), lowerBound: z.number(), upperBound: z.number(), count: z.number(), exampleTraceIds: z.array(z.string()) })),
  valueBuckets: z.number(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
})
const queryResultSchema = z.object({
  query: z.record(z.string(), z.unknown()),
  data: z.object({ results: z.array(row), series: z.array(z.object({ time: z.string(), data: z.record(z.string(), value) })), heatmaps: z.array(heatmap) }),
  groups: z.array(z.record(z.string(), value)),
})
const compareResultSchema = z.object({
  query: z.unknown(),
  selection: z.object({ count: z.number() }),
  baseline: z.object({ count: z.number(), sampledSpans: z.number().optional() }),
  results: z.array(
    z.object({
      column: z.string(),
      score: z.number(),
      values: z.array(z.object({ value, selected: z.number(), baseline: z.number() })),
      otherSelected: z.number(),
      otherBaseline: z.number(),
      missingSelected: z.number(),
      missingBaseline: z.number(),
    }),
  ),
})

function storeMessage(reply: UpstreamReply): string | undefined {
  try {
    const parsed = storeErrorSchema.safeParse(JSON.parse(reply.text))
    if (!parsed.success) return undefined
    const message = parsed.data.error.message.replace(/\s+/g, ' ').trim()
    return message.length > MAX_STORE_MESSAGE_CHARS ? `${message.slice(0, MAX_STORE_MESSAGE_CHARS - 1)}…` : message
  } catch {
    return undefined
  }
}

/**
 * Sends a request to the store's query API and returns its JSON: 400 and 422 become the same status with the store's
 * message, 404 (with `notFound`) a 404; any other failure a 502/504 as for every upstream.
 */
export async function storeRequest(upstream: Upstream, path: string, send?: UpstreamSend, notFound?: string): Promise<unknown> {
  const reply = await requestUpstream(upstream, upstreamUrl(upstream, path), send)
  if (reply.status === 400 || reply.status === 422) {
    const message = storeMessage(reply) ?? `${upstream.name} did not accept the query (HTTP ${reply.status})`
    throw new DashboardError(reply.status === 400 ? 'bad_request' : 'unprocessable', message, upstream.name)
  }
  if (reply.status === 404 && notFound !== undefined) throw new DashboardError('not_found', notFound, upstream.name)
  if (reply.status === 204) return undefined
  return upstreamJsonBody(upstream, reply)
}

function validated<T>(upstream: Upstream, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badResponse(upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
  }
  return parsed.data
}

export class StoreQuerySource implements QuerySource {
  readonly capabilities: QueryCapabilities
  constructor(private readonly upstream: Upstream) {
    this.capabilities = {
      source: 'store',
      sourceName: upstream.name,
      aggregates: true,
      compare: true,
      savedQueries: true,
      unsupported: [],
      appliedByDashboard: [],
    }
  }

  async run(spec: unknown): Promise<QueryResult> {
    const body = await storeRequest(this.upstream, 'api/query', { method: 'POST', json: spec })
    const result = validated(this.upstream, queryResultSchema, body)
    return { ...result, meta: { source: 'store', appliedByDashboard: [] } }
  }

  async compare(request: CompareRequest): Promise<CompareResult> {
    const body = await storeRequest(this.upstream, 'api/query/compare', { method: 'POST', json: request })
    const result = validated(this.upstream, compareResultSchema, body)
    return { ...result, meta: { source: 'store', appliedByDashboard: [] } }
  }
}
