import type { ServiceCount, TraceModel, TraceSummary } from './trace-model'

/** A search-result row computed from a whole trace (for sources whose search returns spans, like Jaeger api_v3). */
export function summarizeTrace(trace: TraceModel): TraceSummary {
  const spanIds = new Set(trace.spans.map((span) => span.spanId))
  const root = trace.spans.find((span) => span.parentSpanId === null) ?? trace.spans.find((span) => !spanIds.has(span.parentSpanId ?? '')) ?? trace.spans[0]
  const services = new Map<string, ServiceCount>()
  let errorCount = 0
  for (const span of trace.spans) {
    let service = services.get(span.serviceName)
    if (!service) {
      service = { name: span.serviceName, spanCount: 0, errorCount: 0 }
      services.set(span.serviceName, service)
    }
    service.spanCount += 1
    if (span.status.code === 'error') {
      service.errorCount += 1
      errorCount += 1
    }
  }
  return {
    traceId: trace.traceId,
    rootServiceName: root?.serviceName ?? '',
    rootSpanName: root?.name ?? '',
    startTimeUnixNano: trace.startTimeUnixNano,
    durationMs: trace.durationMs,
    spanCount: trace.spans.length,
    errorCount,
    services: [...services.values()].sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name)),
  }
}
