import type { TraceView } from './trace-views.js'

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
    resourceSpans: [...byResource].map(([resourceId, byScope]) => ({
      resource: trace.resources[resourceId] ?? { attributes: [], droppedAttributesCount: 0 },
      scopeSpans: [...byScope].map(([scopeId, spans]) => ({
        scope: trace.scopes[scopeId] ?? { name: '', version: '', attributes: [] },
        spans: spans.map((span) => ({
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
        })),
      })),
    })),
  }
}
