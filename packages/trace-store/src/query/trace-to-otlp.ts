import type { ResourceView, ScopeView, SpanView, TraceView } from './trace-views.js'

/** Rebuilds an OTLP JSON ExportTraceServiceRequest from a stored trace, grouped by resource and scope. */
export function traceToOtlp(trace: TraceView) {
  const byResource = new Map<number, Map<number, TraceView['spans']>>()
  for (const span of trace.spans) {
    const byScope = byResource.get(span.resourceId) ?? new Map<number, TraceView['spans']>()
    byResource.set(span.resourceId, byScope)
    const spans = byScope.get(span.scopeId) ?? []
    byScope.set(span.scopeId, spans)
    spans.push(span)
  }
  return {
    resourceSpans: [...byResource].map(([resourceId, byScope]) => {
      const { schemaUrl: resourceSchemaUrl, ...resource } = trace.resources[resourceId] ?? EMPTY_RESOURCE
      return {
        resource,
        schemaUrl: resourceSchemaUrl,
        scopeSpans: [...byScope].map(([scopeId, spans]) => {
          const { schemaUrl: scopeSchemaUrl, ...scope } = trace.scopes[scopeId] ?? EMPTY_SCOPE
          return { scope, schemaUrl: scopeSchemaUrl, spans: spans.map(toOtlpSpan) }
        }),
      }
    }),
  }
}

// schemaUrl is stored with the resource and the scope, and belongs to their resourceSpans and scopeSpans entries
const EMPTY_RESOURCE: ResourceView = { attributes: [], droppedAttributesCount: 0, schemaUrl: '' }
const EMPTY_SCOPE: ScopeView = { name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' }

function toOtlpSpan(span: SpanView) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    ...(span.traceState ? { traceState: span.traceState } : {}),
    flags: span.flags,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events,
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
  }
}
