import type { SpanKind, StatusCode, TraceModel } from './trace-model'

/** What the waterfall needs to draw a row; the rest of a span (attributes, events, links) comes with the full trace. */
export interface OutlineSpan {
  spanId: string
  parentSpanId: string | null
  name: string
  kind: SpanKind
  startTimeUnixNano: string
  durationMs: number
  status: { code: StatusCode }
  serviceName: string
}

export interface TraceOutline {
  traceId: string
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  warnings: string[]
  /** same order as TraceModel.spans (by start time) */
  spans: OutlineSpan[]
}

export function traceOutline(trace: TraceModel): TraceOutline {
  return {
    traceId: trace.traceId,
    startTimeUnixNano: trace.startTimeUnixNano,
    endTimeUnixNano: trace.endTimeUnixNano,
    durationMs: trace.durationMs,
    warnings: trace.warnings,
    spans: trace.spans.map((span) => ({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind,
      startTimeUnixNano: span.startTimeUnixNano,
      durationMs: span.durationMs,
      status: { code: span.status.code },
      serviceName: span.serviceName,
    })),
  }
}
