import 'server-only'
import { nanoDiffMs } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import type { Attribute, Operation, SpanModel, TraceModel, TraceSearchPage, TraceSummary } from '../features/traces/model/trace-model'
import type { OutlineSpan, TraceOutline } from '../features/traces/model/trace-outline'
import type { TraceQuery } from '../features/traces/model/trace-query'
import type { DependencyGraph } from '../features/dependencies/model/dependency-graph'
import { DashboardError } from './errors'
import { lazyModel, type LoadedTrace } from './loaded-trace'
import {
  buildTrace,
  compareNano,
  keyValuesToAttributes,
  normalizeKeyValuesInPlace,
  normalizeSpanKind,
  normalizeStatusCode,
  traceBounds,
} from './otlp/normalize-otlp'
import type { TraceSource } from './trace-source'
import { badResponse, fetchUpstreamJson, requestUpstream, upstreamJsonBody, upstreamUrl, type Upstream } from './upstream'

// Shapes of the embedded store's query API (packages/trace-store/src/query/trace-views.ts), validated at the edge.
// StoreOutlineSpan and StoreSpan are declared here rather than taken from the store's SpanView: they type what the
// checks below guarantee of an answer from a store that may run another version, which is less than SpanView says.
const keyValues = z.array(z.object({ key: z.string(), value: z.unknown() }))
const serviceCount = z.object({ name: z.string(), spanCount: z.number(), errorCount: z.number(), clientErrorCount: z.number().optional() })
const summarySchema = z.object({
  traceId: z.string(),
  rootServiceName: z.string(),
  rootSpanName: z.string(),
  startTimeUnixNano: z.string(),
  durationMs: z.number(),
  spanCount: z.number(),
  errorCount: z.number(),
  // absent from stores older than errorsOnly=severe
  clientErrorCount: z.number().optional(),
  services: z.array(serviceCount),
})
const searchSchema = z.object({ traces: z.array(summarySchema), nextCursor: z.string().nullable().optional() })
const servicesSchema = z.object({ services: z.array(z.string()) })
const dependenciesSchema = z.object({
  dependencies: z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number(), errorCount: z.number() })),
  traceCount: z.number(),
  truncated: z.boolean(),
})
const operationsSchema = z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.union([z.string(), z.number()]) })) })
// A 10,000-span trace is validated by hand: a schema library costs hundreds of ms there; this costs a few.
const traceSchema = z.object({
  traceId: z.string(),
  resources: z.record(z.string(), z.object({ attributes: keyValues })),
  scopes: z.record(z.string(), z.object({ name: z.string(), version: z.string() })),
  spans: z.array(z.unknown()),
})
// GET /api/traces/:id/spans/:spanId: one span (checked like the whole trace's) with its resource and scope
const spanSchema = traceSchema.omit({ spans: true }).extend({ span: z.unknown() })
// GET /api/traces/:id/outline: each span's ids, name, kind, times, status and service, by start time (2.5 of 11.7 MB for
// 10,000 spans); only what a row draws is checked (by hand, like the whole trace's spans: zod took 15–50 ms on the
// path to the first rows) and kept.
const outlineSchema = z.object({ traceId: z.string(), spans: z.array(z.unknown()) })
interface StoreOutlineSpan {
  spanId: string
  parentSpanId: string | null
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  status: { code: number }
  serviceName: string
}

interface StoreSpan extends Omit<StoreOutlineSpan, 'status'> {
  status: { code: number; message: string }
  resourceId: string | number
  scopeId: string | number
  attributes: { key: string; value: unknown }[]
  events: { timeUnixNano: string; name: string; attributes: { key: string; value: unknown }[] }[]
  links: { traceId: string; spanId: string; attributes: { key: string; value: unknown }[] }[]
}

function isKeyValues(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  for (const entry of value) if (entry === null || typeof entry !== 'object' || typeof (entry as { key?: unknown }).key !== 'string') return false
  return true
}

/** Where a store span lacks a field the waterfall's outline needs, or null when it has them all. */
function storeOutlineProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'not an object'
  const span = value as Record<string, unknown>
  for (const key of ['spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano', 'serviceName'] as const)
    if (typeof span[key] !== 'string') return `${key}: expected a string`
  if (span.parentSpanId !== null && typeof span.parentSpanId !== 'string') return 'parentSpanId: expected a string or null'
  if (typeof span.kind !== 'number') return 'kind: expected a number'
  if (typeof span.durationMs !== 'number') return 'durationMs: expected a number'
  const status = span.status as Record<string, unknown> | null
  if (!status || typeof status.code !== 'number') return 'status.code: expected a number'
  return null
}

/** Where a store span does not have the documented shape, or null when it does. */
export function storeSpanProblem(value: unknown): string | null {
  const outlineProblem = storeOutlineProblem(value)
  if (outlineProblem) return outlineProblem
  const span = value as Record<string, unknown>
  if (typeof span.resourceId !== 'string' && typeof span.resourceId !== 'number') return 'resourceId: expected a string'
  if (!isKeyValues(span.attributes)) return 'attributes: expected a key/value list'
  if (
    !Array.isArray(span.events) ||
    !span.events.every((event) => event && typeof event === 'object' && typeof event.name === 'string' && isKeyValues(event.attributes))
  )
    return 'events: expected a list of events'
  if (
    !Array.isArray(span.links) ||
    !span.links.every((link) => link && typeof link === 'object' && typeof link.traceId === 'string' && typeof link.spanId === 'string')
  )
    return 'links: expected a list of links'
  return null
}

const NO_SCOPE = { name: '', version: '' }

/** Rewrites a validated store span into a SpanModel (enum names, plain attribute values), reusing its objects. */
function toSpanModelInPlace(span: StoreSpan, scopes: Map<string, SpanModel['scope']>): SpanModel {
  const target = span as unknown as Record<string, unknown>
  target.kind = normalizeSpanKind(span.kind)
  target.status = { code: normalizeStatusCode(span.status.code), message: typeof span.status.message === 'string' ? span.status.message : '' }
  target.resourceId = String(span.resourceId)
  target.scope = scopes.get(String(span.scopeId)) ?? NO_SCOPE
  normalizeKeyValuesInPlace(span.attributes)
  for (const event of span.events) {
    event.timeUnixNano = String(event.timeUnixNano)
    normalizeKeyValuesInPlace(event.attributes)
  }
  for (const link of span.links) normalizeKeyValuesInPlace(link.attributes)
  // fields the model does not have are dropped from the JSON (undefined), without reshaping the object
  for (const key of ['traceId', 'traceState', 'flags', 'scopeId', 'droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount']) target[key] = undefined
  return span as unknown as SpanModel
}

/** The waterfall's outline from the store's outline spans (sorted by start). */
function storeOutline(traceId: string, spans: readonly StoreOutlineSpan[]): TraceOutline {
  const bounds = traceBounds(spans)
  const outlineSpans = new Array<OutlineSpan>(spans.length)
  for (let index = 0; index < spans.length; index += 1) {
    const span = spans[index]!
    outlineSpans[index] = {
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: normalizeSpanKind(span.kind),
      startOffsetMs: nanoDiffMs(bounds.startTimeUnixNano, span.startTimeUnixNano),
      durationMs: span.durationMs,
      status: { code: normalizeStatusCode(span.status.code) },
      serviceName: span.serviceName,
    }
  }
  return { traceId, ...bounds, warnings: [], spans: outlineSpans }
}

export function toStoreSearchParams(query: TraceQuery): Record<string, string | number | string[] | undefined> {
  return {
    service: query.service,
    name: query.spanName,
    minDurationMs: query.minDurationMs,
    maxDurationMs: query.maxDurationMs,
    errorsOnly: query.errorsOnly ? (query.severeErrorsOnly ? 'severe' : 'true') : undefined,
    attribute: query.attributes.map((pair) => `${pair.key}=${pair.value}`),
    startFromMs: query.startFromMs,
    startToMs: query.startToMs,
    limit: query.limit,
    cursor: query.cursor,
  }
}

/** The embedded trace store (packages/trace-store), over HTTP. */
export class StoreTraceSource implements TraceSource {
  readonly name: string
  constructor(private readonly upstream: Upstream) {
    this.name = upstream.name
  }

  async services(): Promise<string[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/services'), servicesSchema)
    return body!.services
  }

  async dependencies(range: { startFromMs: number; startToMs: number }): Promise<DependencyGraph> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/dependencies', range), dependenciesSchema)
    return { supported: true, ...body! }
  }

  async operations(service: string): Promise<Operation[]> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/operations', { service }), operationsSchema)
    return body!.operations.map((operation) => ({ name: operation.name, spanKind: normalizeSpanKind(operation.spanKind) }))
  }

  async search(query: TraceQuery): Promise<TraceSearchPage> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, 'api/traces', toStoreSearchParams(query)), searchSchema)
    const traces: TraceSummary[] = body!.traces.map((trace) => ({
      traceId: trace.traceId,
      rootServiceName: trace.rootServiceName,
      rootSpanName: trace.rootSpanName,
      startTimeUnixNano: trace.startTimeUnixNano,
      durationMs: trace.durationMs,
      spanCount: trace.spanCount,
      errorCount: trace.errorCount,
      ...(trace.clientErrorCount === undefined ? {} : { clientErrorCount: trace.clientErrorCount }),
      services: trace.services,
    }))
    return { traces, nextCursor: body!.nextCursor ?? null }
  }

  /**
   * Fetches the trace's outline (the store's /outline view, under a third of the whole trace) for the first rows;
   * the whole trace is fetched only when the model is first asked for (a search within the trace).
   */
  async load(traceId: string): Promise<LoadedTrace | null> {
    const startedAt = performance.now()
    const reply = await requestUpstream(this.upstream, upstreamUrl(this.upstream, `api/traces/${encodeURIComponent(traceId)}/outline`))
    if (reply.status === 404) return null
    const answeredAt = performance.now()
    const view = this.validate(outlineSchema, upstreamJsonBody(this.upstream, reply))
    this.checkSpans(view.spans, storeOutlineProblem)
    const spans = view.spans as StoreOutlineSpan[]
    // the store sends spans by start time already; sorting sorted input is one pass
    spans.sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano))
    const outline = storeOutline(view.traceId, spans)
    const timing = { upstreamMs: answeredAt - startedAt, parseMs: performance.now() - answeredAt }
    const model = lazyModel(async () => {
      const trace = await this.trace(traceId)
      // retention (or a restart of an in-memory store) removed it since the outline was fetched
      if (!trace) throw new DashboardError('not_found', `trace ${traceId} was not found in ${this.name}`)
      return trace
    })
    return { outline: () => outline, model, timing }
  }

  /** The whole trace (GET /api/traces/:id), checked span by span and normalised into the model. */
  async trace(traceId: string): Promise<TraceModel | null> {
    const reply = await requestUpstream(this.upstream, upstreamUrl(this.upstream, `api/traces/${encodeURIComponent(traceId)}`))
    if (reply.status === 404) return null
    const view = this.validate(traceSchema, upstreamJsonBody(this.upstream, reply))
    this.checkSpans(view.spans, storeSpanProblem)
    const spans = view.spans as StoreSpan[]
    spans.sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano))
    return this.toModel(view, spans)
  }

  /** One span (GET /api/traces/:id/spans/:spanId): the side panel's, without the whole trace. */
  async span(traceId: string, spanId: string): Promise<{ span: SpanModel; resource: Attribute[] } | null> {
    const url = upstreamUrl(this.upstream, `api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`)
    const reply = await requestUpstream(this.upstream, url)
    if (reply.status === 404) return null
    const view = this.validate(spanSchema, upstreamJsonBody(this.upstream, reply))
    const problem = storeSpanProblem(view.span)
    if (problem) throw badResponse(this.upstream, `span: ${problem}`)
    const span = view.span as StoreSpan
    const scopes = new Map(Object.entries(view.scopes).map(([id, scope]) => [id, { name: scope.name, version: scope.version }]))
    const resource = view.resources[String(span.resourceId)]
    return { span: toSpanModelInPlace(span, scopes), resource: resource ? keyValuesToAttributes(resource.attributes) : [] }
  }

  private validate<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw badResponse(this.upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
    }
    return parsed.data
  }

  private checkSpans(spans: unknown[], problemOf: (span: unknown) => string | null): void {
    spans.forEach((span, index) => {
      const problem = problemOf(span)
      if (problem) throw badResponse(this.upstream, `spans.${index}: ${problem}`)
    })
  }

  private toModel(view: z.infer<typeof traceSchema>, spans: StoreSpan[]): TraceModel {
    const resources: Record<string, Attribute[]> = {}
    for (const [id, resource] of Object.entries(view.resources)) resources[id] = keyValuesToAttributes(resource.attributes)
    const scopes = new Map<string, SpanModel['scope']>()
    for (const [id, scope] of Object.entries(view.scopes)) scopes.set(id, { name: scope.name, version: scope.version })
    // The freshly parsed response is ours alone: it is turned into the model in place, which allocates almost
    // nothing (a 10,000-span trace has ~120,000 attributes) and takes a fraction of building new objects.
    return buildTrace(
      view.traceId,
      spans.map((span) => toSpanModelInPlace(span, scopes)),
      resources,
    )
  }

  async otlp(traceId: string): Promise<unknown | null> {
    const document = await fetchUpstreamJson(
      this.upstream,
      upstreamUrl(this.upstream, `api/traces/${encodeURIComponent(traceId)}/otlp`),
      z.object({ resourceSpans: z.array(z.unknown()) }),
      { nullOn: [404] },
    )
    if (document === null) return null
    if (!document) throw new DashboardError('upstream_bad_response', `${this.name} sent no OTLP document`, this.name)
    return document
  }
}
