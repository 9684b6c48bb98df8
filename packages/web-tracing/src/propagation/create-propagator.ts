import { isSpanContextValid, TraceFlags, trace, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import type { PropagationFormat } from '../config/web-tracing-options.js'

function hasHeader(carrier: unknown, name: string): boolean {
  if (typeof Headers !== 'undefined' && carrier instanceof Headers) return carrier.has(name)
  if (typeof carrier !== 'object' || carrier === null) return false
  const lower = name.toLowerCase()
  return Object.keys(carrier).some((key) => key.toLowerCase() === lower)
}

/** Writes headers computed from the active span, unless the request already carries that header. */
function injector(fields: string[], headersFor: (traceId: string, spanId: string, sampled: boolean) => Record<string, string>): TextMapPropagator {
  return {
    inject(context: Context, carrier: unknown, setter: TextMapSetter) {
      const spanContext = trace.getSpanContext(context)
      if (!spanContext || !isSpanContextValid(spanContext)) return
      const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED
      for (const [name, value] of Object.entries(headersFor(spanContext.traceId, spanContext.spanId, sampled))) {
        if (!hasHeader(carrier, name)) setter.set(carrier, name, value)
      }
    },
    extract: (context: Context) => context,
    fields: () => fields,
  }
}

const FORMAT_PROPAGATORS: Record<Exclude<PropagationFormat, 'w3c'>, () => TextMapPropagator> = {
  b3: () => injector(['b3'], (traceId, spanId, sampled) => ({ b3: `${traceId}-${spanId}-${sampled ? '1' : '0'}` })),
  b3multi: () =>
    injector(['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled'], (traceId, spanId, sampled) => ({
      'x-b3-traceid': traceId,
      'x-b3-spanid': spanId,
      'x-b3-sampled': sampled ? '1' : '0',
    })),
  xray: () =>
    injector(['x-amzn-trace-id'], (traceId, spanId, sampled) => ({
      'x-amzn-trace-id': `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=${sampled ? '1' : '0'}`,
    })),
}

const MARKER_HEADERS: Record<PropagationFormat, string> = { w3c: 'traceparent', b3: 'b3', b3multi: 'x-b3-traceid', xray: 'x-amzn-trace-id' }

/**
 * The propagator for outgoing requests: W3C `traceparent`/`tracestate`
 * and the optional formats, none of which replaces a header the request
 * already has. Extraction (for `<meta name="traceparent">`) is W3C.
 */
export function createPropagator(formats: readonly PropagationFormat[]): TextMapPropagator {
  const w3c = new W3CTraceContextPropagator()
  const propagators: TextMapPropagator[] = formats.map((format) => (format === 'w3c' ? w3c : FORMAT_PROPAGATORS[format]()))
  // one header per format tells that the request already carries a trace
  const markers = formats.map((format) => MARKER_HEADERS[format])
  return {
    inject(context: Context, carrier: unknown, setter: TextMapSetter) {
      if (markers.some((marker) => hasHeader(carrier, marker))) return
      for (const propagator of propagators) propagator.inject(context, carrier, setter)
    },
    extract(context: Context, carrier: unknown, getter: TextMapGetter) {
      return w3c.extract(context, carrier, getter)
    },
    fields: () => propagators.flatMap((propagator) => propagator.fields()),
  }
}
