import { isSpanContextValid, TraceFlags, trace, type Context, type TextMapSetter } from '@opentelemetry/api'
import { hasHeader, type TraceHeaderFormat } from './trace-header-format.js'

/** A format whose headers are computed from the active span; a header the request already has is kept. */
function headerFormat(
  name: string,
  fields: string[],
  headersFor: (traceId: string, spanId: string, sampled: boolean) => Record<string, string>,
): TraceHeaderFormat {
  return {
    name,
    markerHeader: fields[0]!,
    propagator: {
      inject(context: Context, carrier: unknown, setter: TextMapSetter) {
        const spanContext = trace.getSpanContext(context)
        if (!spanContext || !isSpanContextValid(spanContext)) return
        const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED
        for (const [header, value] of Object.entries(headersFor(spanContext.traceId, spanContext.spanId, sampled))) {
          if (!hasHeader(carrier, header)) setter.set(carrier, header, value)
        }
      },
      extract: (context: Context) => context,
      fields: () => fields,
    },
  }
}

const flag = (sampled: boolean) => (sampled ? '1' : '0')

/** Zipkin B3 single header: `b3: {traceId}-{spanId}-{sampled}`. */
export function b3(): TraceHeaderFormat {
  return headerFormat('b3', ['b3'], (traceId, spanId, sampled) => ({ b3: `${traceId}-${spanId}-${flag(sampled)}` }))
}

/** Zipkin B3 multiple headers: `x-b3-traceid`, `x-b3-spanid`, `x-b3-sampled`. */
export function b3multi(): TraceHeaderFormat {
  return headerFormat('b3multi', ['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled'], (traceId, spanId, sampled) => ({
    'x-b3-traceid': traceId,
    'x-b3-spanid': spanId,
    'x-b3-sampled': flag(sampled),
  }))
}

/** AWS X-Ray: `X-Amzn-Trace-Id: Root=1-{8 hex}-{24 hex};Parent={spanId};Sampled={0|1}`. */
export function xray(): TraceHeaderFormat {
  return headerFormat('xray', ['x-amzn-trace-id'], (traceId, spanId, sampled) => ({
    'x-amzn-trace-id': `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=${flag(sampled)}`,
  }))
}
