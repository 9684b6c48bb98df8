import 'server-only'
import { z } from 'zod'
import { summarizeTrace } from '../features/traces/model/summarize-trace'
import type { Operation, TraceModel, TraceSearchPage, TraceSummary } from '../features/traces/model/trace-model'
import type { TraceQuery } from '../features/traces/model/trace-query'
import type { DependencyGraph } from '../features/dependencies/model/dependency-graph'
import { DashboardError } from './errors'
import { canonicalOtlp } from './otlp/canonical-otlp'
import { fetchOtlpJson } from './otlp/fetch-otlp-json'
import { normalizeSpanKind, NormalizeError, otlpToTraces, resourceSpansSchema, type OtlpResourceSpans } from './otlp/normalize-otlp'
import type { TraceSource } from './trace-source'
import { fetchUpstreamJson, upstreamUrl, type Upstream } from './upstream'

// Jaeger v2's api_v3 HTTP gateway (jaeger-idl proto/api_v3/query_service.proto): OTLP JSON with hex ids and integer enums.
const DEFAULT_LOOKBACK_MS = 60 * 60_000
/**
 * api_v3 searches one service at a time. A search without a service (the overview, the default /traces page) searches
 * the first services by name, at most this many, in parallel, and merges their traces newest first.
 */
export const MAX_SERVICES_SEARCHED = 8
/** how long the service list behind such a search is reused (the overview refreshes every 5 s) */
const SERVICES_TTL_MS = 30_000
const servicesSchema = z.object({ services: z.array(z.string()).nullable().optional() })
// the query service's internal HTTP API (CONTRACTS.md): api_v3 has no dependencies endpoint in released versions
const dependenciesSchema = z.object({
  data: z
    .array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() }))
    .nullable()
    .optional(),
})
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

  private servicesCache: { atMs: number; services: Promise<string[]> } | undefined

  private readable<T>(read: () => T): T {
    try {
      return read()
    } catch (error) {
      if (error instanceof NormalizeError)
        throw new DashboardError('upstream_bad_response', `${this.name} sent a trace the dashboard cannot read: ${error.message}`, this.name)
      throw error
    }
  }

  private normalize(resourceSpans: OtlpResourceSpans[]): TraceModel[] {
    return this.readable(() => otlpToTraces(resourceSpans))
  }

  /** the service list, reused for SERVICES_TTL_MS (a failed fetch is not kept) */
  private cachedServices(): Promise<string[]> {
    const nowMs = this.now()
    if (!this.servicesCache || nowMs - this.servicesCache.atMs > SERVICES_TTL_MS) {
      const services = this.services()
      this.servicesCache = { atMs: nowMs, services }
      services.catch(() => {
        if (this.servicesCache?.services === services) this.servicesCache = undefined
      })
    }
    return this.servicesCache.services
  }

  async services(): Promise<string[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/v3/services'), servicesSchema)
    return [...(body!.services ?? [])].sort()
  }

  /** Jaeger's dependency links for the range; Jaeger does not count failed calls. */
  async dependencies(range: { startFromMs: number; startToMs: number }): Promise<DependencyGraph> {
    const params = { endTs: range.startToMs, lookback: Math.max(1, range.startToMs - range.startFromMs) }
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/dependencies', params), dependenciesSchema)
    const dependencies = (body!.data ?? []).map((link) => ({ ...link, errorCount: null }))
    return { supported: true, dependencies }
  }

  async operations(service: string): Promise<Operation[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/v3/operations', { service }), operationsSchema)
    return (body!.operations ?? []).map((operation) => ({ name: operation.name, spanKind: normalizeSpanKind(operation.spanKind) }))
  }

  private async searchService(query: TraceQuery): Promise<TraceSummary[]> {
    const url = upstreamUrl(this.upstream, 'api/v3/traces', jaegerSearchParams(query, this.now()))
    const body = await fetchOtlpJson(this.upstream, url, tracesSchema, { nullOn: [404] })
    return this.normalize(body?.result?.resourceSpans ?? []).map(summarizeTrace)
  }

  async search(query: TraceQuery): Promise<TraceSearchPage> {
    const source = { kind: 'jaeger' as const, name: this.name }
    let traces: TraceSummary[]
    let searchedServices: TraceSearchPage['searchedServices']
    if (query.service) {
      traces = await this.searchService(query)
    } else {
      const services = await this.cachedServices()
      const names = services.slice(0, MAX_SERVICES_SEARCHED)
      const found = await Promise.all(names.map((service) => this.searchService({ ...query, service })))
      // a trace that crosses services is found once per service: keep the copy with the most spans
      const byId = new Map<string, TraceSummary>()
      for (const summary of found.flat()) {
        const seen = byId.get(summary.traceId)
        if (!seen || (summary.spanCount ?? 0) > (seen.spanCount ?? 0)) byId.set(summary.traceId, summary)
      }
      traces = [...byId.values()]
      searchedServices = { names, total: services.length }
    }
    traces.sort((a, b) => (BigInt(b.startTimeUnixNano) > BigInt(a.startTimeUnixNano) ? 1 : -1))
    // api_v3 has no cursor: one page of at most search_depth traces
    return { traces: traces.slice(0, query.limit), nextCursor: null, source, ...(searchedServices ? { searchedServices } : {}) }
  }

  /** the trace's resourceSpans as Jaeger sent them; null when it has no such trace */
  private async resourceSpans(traceId: string): Promise<OtlpResourceSpans[] | null> {
    const body = await fetchOtlpJson(this.upstream, upstreamUrl(this.upstream, `api/v3/traces/${encodeURIComponent(traceId)}`), tracesSchema, {
      nullOn: [404],
    })
    return body ? (body.result?.resourceSpans ?? []) : null
  }

  async trace(traceId: string): Promise<TraceModel | null> {
    const resourceSpans = await this.resourceSpans(traceId)
    if (!resourceSpans) return null
    return this.normalize(resourceSpans).find((trace) => trace.traceId === traceId) ?? null
  }

  /** Straight from Jaeger's OTLP (not from the model), so every value keeps its type: see canonicalOtlp. */
  async otlp(traceId: string): Promise<unknown | null> {
    const resourceSpans = await this.resourceSpans(traceId)
    if (!resourceSpans) return null
    const document = this.readable(() => canonicalOtlp(resourceSpans, traceId))
    return document.resourceSpans.length > 0 ? document : null
  }
}
