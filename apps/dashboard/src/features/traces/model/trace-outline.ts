import { nanoDiffMs } from '@spanlight/trace-store/helpers'
import type { SpanKind, StatusCode, TraceModel } from './trace-model'

/** What the waterfall needs to draw a row; the rest of a span (attributes, events, links) comes with the full trace. */
export interface OutlineSpan {
  spanId: string
  parentSpanId: string | null
  name: string
  kind: SpanKind
  /** from the trace's start (ns precision kept), computed on the server so the browser parses no 19-digit times */
  startOffsetMs: number
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
      startOffsetMs: nanoDiffMs(trace.startTimeUnixNano, span.startTimeUnixNano),
      durationMs: span.durationMs,
      status: { code: span.status.code },
      serviceName: span.serviceName,
    })),
  }
}

/**
 * Finds a span's index by id (-1 when it is not in the trace). The map is built on the first lookup (a search,
 * a link to a span), not while the first rows of a large trace are being painted.
 */
export function spanIndexLookup(spans: readonly { spanId: string }[]): (spanId: string) => number {
  let indexById: Map<string, number> | undefined
  return (spanId) => {
    if (!indexById) {
      indexById = new Map()
      spans.forEach((span, index) => {
        if (!indexById!.has(span.spanId)) indexById!.set(span.spanId, index)
      })
    }
    return indexById.get(spanId) ?? -1
  }
}
