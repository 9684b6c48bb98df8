import 'server-only'
import { z } from 'zod'
import type { Operation, ServiceCount, TraceModel, TraceSearchPage, TraceSummary } from '../features/traces/model/trace-model'
import type { TraceQuery } from '../features/traces/model/trace-query'
import { DashboardError } from './errors'
import { canonicalOtlp } from './otlp/canonical-otlp'
import { fetchOtlpJson } from './otlp/fetch-otlp-json'
import { normalizeId } from './otlp/normalize-ids'
import { NormalizeError, otlpToTraces, resourceSpansSchema, type OtlpResourceSpans } from './otlp/normalize-otlp'
import type { TraceSource } from './trace-source'
import { fetchUpstreamJson, upstreamUrl, type Upstream } from './upstream'

// Grafana Tempo's HTTP API: search in TraceQL (times in unix seconds), traces as OTLP JSON with base64 ids and enum names.
const DEFAULT_LOOKBACK_MS = 60 * 60_000
const ATTRIBUTE_KEY = /^[A-Za-z0-9_.\-/:]+$/

const tagValuesSchema = z.object({
  tagValues: z
    .array(z.union([z.string(), z.object({ value: z.string() })]))
    .nullable()
    .optional(),
})
const searchSchema = z.object({
  traces: z
    .array(
      z.object({
        traceID: z.string(),
        rootServiceName: z.string().optional(),
        rootTraceName: z.string().optional(),
        startTimeUnixNano: z.union([z.string(), z.number()]),
        durationMs: z.number().optional(),
        serviceStats: z.record(z.string(), z.object({ spanCount: z.number().optional(), errorCount: z.number().optional() })).optional(),
      }),
    )
    .nullable()
    .optional(),
})
const traceSchema = z.object({
  trace: z.object({ resourceSpans: z.array(resourceSpansSchema).nullable().optional() }).optional(),
  /** v1 shape */
  batches: z.array(resourceSpansSchema).nullable().optional(),
  status: z.string().optional(),
  message: z.string().optional(),
})

/** TraceQL string literal */
export function traceqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** TraceQL duration literal from ms */
function traceqlDuration(ms: number): string {
  return Number.isInteger(ms) ? `${ms}ms` : `${Math.round(ms * 1000)}us`
}

/** One TraceQL spanset filter for the query's conditions (`{ }` matches every trace). */
export function buildTraceql(query: TraceQuery): string {
  const conditions: string[] = []
  if (query.service) conditions.push(`resource.service.name = ${traceqlString(query.service)}`)
  if (query.spanName) conditions.push(`name = ${traceqlString(query.spanName)}`)
  if (query.errorsOnly) conditions.push('status = error')
  for (const pair of query.attributes) {
    if (!ATTRIBUTE_KEY.test(pair.key))
      throw new DashboardError('bad_request', `attribute: '${pair.key}' cannot be searched in Tempo (letters, digits and . _ - / : only)`)
    conditions.push(`.${pair.key} = ${traceqlString(pair.value)}`)
  }
  if (query.minDurationMs !== undefined) conditions.push(`traceDuration >= ${traceqlDuration(query.minDurationMs)}`)
  if (query.maxDurationMs !== undefined) conditions.push(`traceDuration <= ${traceqlDuration(query.maxDurationMs)}`)
  return conditions.length === 0 ? '{ }' : `{ ${conditions.join(' && ')} }`
}

export function tempoSearchParams(query: TraceQuery, nowMs: number): Record<string, string | number> {
  const endMs = query.startToMs ?? nowMs
  const startMs = query.startFromMs ?? endMs - DEFAULT_LOOKBACK_MS
  return { q: buildTraceql(query), limit: query.limit, start: Math.floor(startMs / 1000), end: Math.ceil(endMs / 1000) + 1 }
}

export class TempoTraceSource implements TraceSource {
  readonly name: string
  constructor(
    private readonly upstream: Upstream,
    private readonly now: () => number = Date.now,
  ) {
    this.name = upstream.name
  }

  async services(): Promise<string[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/search/tag/service.name/values'), tagValuesSchema)
    return (body!.tagValues ?? []).map((value) => (typeof value === 'string' ? value : value.value)).sort()
  }

  async operations(service: string): Promise<Operation[]> {
    const url = upstreamUrl(this.upstream, 'api/v2/search/tag/name/values', { q: `{ resource.service.name = ${traceqlString(service)} }` })
    const body = await fetchUpstreamJson(this.upstream, url, tagValuesSchema)
    return (body!.tagValues ?? []).map((value) => ({ name: typeof value === 'string' ? value : value.value, spanKind: 'unspecified' as const }))
  }

  async search(query: TraceQuery): Promise<TraceSearchPage> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/search', tempoSearchParams(query, this.now())), searchSchema)
    const traces: TraceSummary[] = []
    for (const found of body!.traces ?? []) {
      const traceId = normalizeId(found.traceID.padStart(32, '0'), 16)
      if (!traceId) throw new DashboardError('upstream_bad_response', `${this.name} sent a trace id the dashboard cannot read`, this.name)
      const services: ServiceCount[] = Object.entries(found.serviceStats ?? {}).map(([name, stats]) => ({
        name,
        spanCount: stats.spanCount ?? 0,
        errorCount: stats.errorCount ?? 0,
      }))
      const hasStats = services.length > 0
      traces.push({
        traceId,
        rootServiceName: found.rootServiceName ?? '',
        rootSpanName: found.rootTraceName ?? '',
        startTimeUnixNano: String(found.startTimeUnixNano),
        // Tempo leaves durationMs out for traces shorter than 1 ms
        durationMs: found.durationMs ?? 0,
        spanCount: hasStats ? services.reduce((sum, service) => sum + service.spanCount, 0) : null,
        errorCount: hasStats ? services.reduce((sum, service) => sum + service.errorCount, 0) : null,
        services,
      })
    }
    traces.sort((a, b) => (BigInt(b.startTimeUnixNano) > BigInt(a.startTimeUnixNano) ? 1 : -1))
    return { traces, nextCursor: null, source: { kind: 'tempo', name: this.name } }
  }

  private readable<T>(read: () => T): T {
    try {
      return read()
    } catch (error) {
      if (error instanceof NormalizeError)
        throw new DashboardError('upstream_bad_response', `${this.name} sent a trace the dashboard cannot read: ${error.message}`, this.name)
      throw error
    }
  }

  /** the trace's resourceSpans as Tempo sent them (v2 `trace`, v1 `batches`) and its partial-trace warning; null when it has no such trace */
  private async resourceSpans(traceId: string): Promise<{ resourceSpans: OtlpResourceSpans[]; warnings: string[] } | null> {
    const body = await fetchOtlpJson(this.upstream, upstreamUrl(this.upstream, `api/v2/traces/${encodeURIComponent(traceId)}`), traceSchema, {
      nullOn: [404],
    })
    if (!body) return null
    const warnings =
      body.status && body.status.toUpperCase() === 'PARTIAL' ? [`${this.name} returned a partial trace${body.message ? `: ${body.message}` : ''}`] : []
    return { resourceSpans: body.trace?.resourceSpans ?? body.batches ?? [], warnings }
  }

  async trace(traceId: string): Promise<TraceModel | null> {
    const found = await this.resourceSpans(traceId)
    if (!found) return null
    return this.readable(() => otlpToTraces(found.resourceSpans, found.warnings).find((trace) => trace.traceId === traceId) ?? null)
  }

  /** Straight from Tempo's OTLP (not from the model), so every value keeps its type: see canonicalOtlp. */
  async otlp(traceId: string): Promise<unknown | null> {
    const found = await this.resourceSpans(traceId)
    if (!found) return null
    const document = this.readable(() => canonicalOtlp(found.resourceSpans, traceId))
    return document.resourceSpans.length > 0 ? document : null
  }
}
