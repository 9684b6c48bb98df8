import 'server-only'
import { z } from 'zod'
import { summarizeTrace } from '../features/traces/model/summarize-trace'
import type { Operation, TraceModel, TraceSearchPage } from '../features/traces/model/trace-model'
import type { TraceQuery } from '../features/traces/model/trace-query'
import { DashboardError } from './errors'
import { modelToOtlp } from './otlp/model-to-otlp'
import { normalizeSpanKind, NormalizeError, otlpToTraces, resourceSpansSchema } from './otlp/normalize-otlp'
import type { TraceSource } from './trace-source'
import { fetchUpstreamJson, upstreamUrl, type Upstream } from './upstream'

// Jaeger v2's api_v3 HTTP gateway (jaeger-idl proto/api_v3/query_service.proto): OTLP JSON with hex ids and integer enums.
const DEFAULT_LOOKBACK_MS = 60 * 60_000
const servicesSchema = z.object({ services: z.array(z.string()).nullable().optional() })
const operationsSchema = z.object({
  operations: z
    .array(z.object({ name: z.string(), spanKind: z.string().optional() }))
    .nullable()
    .optional(),
})
const tracesSchema = z.object({ result: z.object({ resourceSpans: z.array(resourceSpansSchema).nullable().optional() }).optional() })

/** ms → Go duration text as Jaeger parses it */
export function goDuration(ms: number): string {
  return Number.isInteger(ms) ? `${ms}ms` : `${Math.round(ms * 1000)}us`
}

/** The api_v3 search parameters for a query (snake_case, which every api_v3 version accepts). */
export function jaegerSearchParams(query: TraceQuery, nowMs: number): Record<string, string | number | undefined> {
  if (!query.service) throw new DashboardError('bad_request', 'service: Jaeger needs a service to search')
  const attributes: Record<string, string> = {}
  for (const pair of query.attributes) attributes[pair.key] = pair.value
  if (query.errorsOnly) attributes.error = 'true'
  const endMs = query.startToMs ?? nowMs
  const startMs = query.startFromMs ?? endMs - DEFAULT_LOOKBACK_MS
  return {
    'query.service_name': query.service,
    'query.operation_name': query.spanName,
    'query.start_time_min': new Date(startMs).toISOString(),
    // max is exclusive in api_v3; the dashboard's range is inclusive
    'query.start_time_max': new Date(endMs + 1).toISOString(),
    'query.duration_min': query.minDurationMs === undefined ? undefined : goDuration(query.minDurationMs),
    'query.duration_max': query.maxDurationMs === undefined ? undefined : goDuration(query.maxDurationMs),
    'query.search_depth': query.limit,
    'query.attributes': Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : undefined,
  }
}

export class JaegerTraceSource implements TraceSource {
  readonly name: string
  constructor(
    private readonly upstream: Upstream,
    private readonly now: () => number = Date.now,
  ) {
    this.name = upstream.name
  }

  private normalize(resourceSpans: z.infer<typeof resourceSpansSchema>[]): TraceModel[] {
    try {
      return otlpToTraces(resourceSpans)
    } catch (error) {
      if (error instanceof NormalizeError)
        throw new DashboardError('upstream_bad_response', `${this.name} sent a trace the dashboard cannot read: ${error.message}`, this.name)
      throw error
    }
  }

  async services(): Promise<string[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/v3/services'), servicesSchema)
    return [...(body!.services ?? [])].sort()
  }

  async operations(service: string): Promise<Operation[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/v3/operations', { service }), operationsSchema)
    return (body!.operations ?? []).map((operation) => ({ name: operation.name, spanKind: normalizeSpanKind(operation.spanKind) }))
  }

  async search(query: TraceQuery): Promise<TraceSearchPage> {
    const url = upstreamUrl(this.upstream, 'api/v3/traces', jaegerSearchParams(query, this.now()))
    const body = await fetchUpstreamJson(this.upstream, url, tracesSchema, { nullOn: [404] })
    const traces = this.normalize(body?.result?.resourceSpans ?? []).map(summarizeTrace)
    traces.sort((a, b) => (BigInt(b.startTimeUnixNano) > BigInt(a.startTimeUnixNano) ? 1 : -1))
    // api_v3 has no cursor: one page of at most search_depth traces
    return { traces: traces.slice(0, query.limit), nextCursor: null }
  }

  async trace(traceId: string): Promise<TraceModel | null> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, `api/v3/traces/${encodeURIComponent(traceId)}`), tracesSchema, {
      nullOn: [404],
    })
    if (!body) return null
    return this.normalize(body.result?.resourceSpans ?? []).find((trace) => trace.traceId === traceId) ?? null
  }

  async otlp(traceId: string): Promise<unknown | null> {
    const trace = await this.trace(traceId)
    return trace ? modelToOtlp(trace) : null
  }
}
