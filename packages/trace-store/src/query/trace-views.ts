import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import { durationMsBetween } from '../ingest/nano-time.js'
import type { ServiceCount, TraceSummary } from '../ingest/trace-summary.js'

/** A trace in a search result, as the query API returns it (ns as decimal strings). */
export interface TraceSummaryView {
  traceId: string
  rootServiceName: string
  rootSpanName: string
  /** false when the trace's root span has not been received (the root fields then name its earliest span) */
  hasRoot: boolean
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  spanCount: number
  errorCount: number
  /** of errorCount, the HTTP 4xx answers (see ServiceCount.clientErrorCount) */
  clientErrorCount: number
  services: ServiceCount[]
}

export interface SpanView {
  traceId: string
  spanId: string
  parentSpanId: string | null
  traceState: string
  flags: number
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  status: { code: number; message: string }
  serviceName: string
  /** key of the trace's `resources` map */
  resourceId: number
  /** key of the trace's `scopes` map */
  scopeId: number
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  events: { timeUnixNano: string; name: string; attributes: OtlpKeyValue[]; droppedAttributesCount: number }[]
  droppedEventsCount: number
  links: { traceId: string; spanId: string; traceState: string; attributes: OtlpKeyValue[]; droppedAttributesCount: number; flags: number }[]
  droppedLinksCount: number
}

export interface ResourceView {
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  /** the `schemaUrl` of the resourceSpans entry that carried the resource ("" when none) */
  schemaUrl: string
}

export interface ScopeView {
  name: string
  version: string
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  /** the `schemaUrl` of the scopeSpans entry that carried the scope ("" when none) */
  schemaUrl: string
}

/** A stored `resources` row's JSON as a view; rows written before schemaUrl was kept lack it. */
export function toResourceView(json: string): ResourceView {
  const { attributes, droppedAttributesCount, schemaUrl = '' } = JSON.parse(json) as Partial<ResourceView> & Pick<ResourceView, 'attributes'>
  return { attributes, droppedAttributesCount: droppedAttributesCount ?? 0, schemaUrl }
}

/** A stored `scopes` row's JSON as a view; rows written before the count and schemaUrl were kept lack them. */
export function toScopeView(json: string): ScopeView {
  const {
    name,
    version,
    attributes,
    droppedAttributesCount = 0,
    schemaUrl = '',
  } = JSON.parse(json) as Partial<ScopeView> & Pick<ScopeView, 'name' | 'version' | 'attributes'>
  return { name, version, attributes, droppedAttributesCount, schemaUrl }
}

export interface TraceView {
  traceId: string
  summary: TraceSummaryView
  resources: Record<string, ResourceView>
  scopes: Record<string, ScopeView>
  /** ordered by start time */
  spans: SpanView[]
}

export function toSummaryView(summary: TraceSummary): TraceSummaryView {
  return {
    traceId: summary.traceId,
    rootServiceName: summary.rootServiceName,
    rootSpanName: summary.rootSpanName,
    hasRoot: summary.hasRoot,
    startTimeUnixNano: summary.startTimeUnixNano.toString(),
    endTimeUnixNano: summary.endTimeUnixNano.toString(),
    durationMs: durationMsBetween(summary.startTimeUnixNano, summary.endTimeUnixNano),
    spanCount: summary.spanCount,
    errorCount: summary.errorCount,
    clientErrorCount: summary.services.reduce((sum, service) => sum + (service.clientErrorCount ?? 0), 0),
    services: summary.services,
  }
}
