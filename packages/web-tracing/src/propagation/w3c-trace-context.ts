import { isSpanContextValid, trace, TraceFlags, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api'
import { isTracingSuppressed } from '@opentelemetry/core'

// version (not ff) - trace id (not all zeros) - parent id (not all zeros) - flags, and what a future version may add
const TRACEPARENT = /^\s?((?!ff)[\da-f]{2})-((?![0]{32})[\da-f]{32})-((?![0]{16})[\da-f]{16})-([\da-f]{2})(-.*)?\s?$/

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): writes
 * `traceparent` and `tracestate`, reads `traceparent` (all a page gets, from
 * `<meta name="traceparent">`). Writes and reads exactly as
 * @opentelemetry/core's W3CTraceContextPropagator (its test compares the
 * two), without bundling core's tracestate parser, which reading
 * `tracestate` would need: about 1 KB gzipped of what the page loads at start.
 */
export const w3cTraceContext: TextMapPropagator = {
  inject(context: Context, carrier: unknown, setter: TextMapSetter) {
    const spanContext = trace.getSpanContext(context)
    if (!spanContext || isTracingSuppressed(context) || !isSpanContextValid(spanContext)) return
    setter.set(carrier, 'traceparent', `00-${spanContext.traceId}-${spanContext.spanId}-0${Number(spanContext.traceFlags || TraceFlags.NONE).toString(16)}`)
    if (spanContext.traceState) setter.set(carrier, 'tracestate', spanContext.traceState.serialize())
  },
  extract(context: Context, carrier: unknown, getter: TextMapGetter) {
    const header = getter.get(carrier, 'traceparent')
    const value = Array.isArray(header) ? header[0] : header
    const match = typeof value === 'string' ? TRACEPARENT.exec(value) : null
    // version 00 has exactly four fields
    if (!match || (match[1] === '00' && match[5])) return context
    return trace.setSpanContext(context, { traceId: match[2]!, spanId: match[3]!, traceFlags: parseInt(match[4]!, 16), isRemote: true })
  },
  fields: () => ['traceparent', 'tracestate'],
}
