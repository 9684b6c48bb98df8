import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api'
import { hasHeader, type PropagationFormat } from './trace-header-format.js'
import { w3cTraceContext } from './w3c-trace-context.js'

/**
 * The propagator for outgoing requests: W3C `traceparent`/`tracestate`
 * and the optional formats, none of which replaces a header the request
 * already has. Extraction (for `<meta name="traceparent">`) is W3C.
 */
export function createPropagator(formats: readonly PropagationFormat[]): TextMapPropagator {
  const w3c = w3cTraceContext
  const propagators = formats.map((format) => (format === 'w3c' ? w3c : format.propagator))
  // one header per format tells that the request already carries a trace
  const markers = formats.map((format) => (format === 'w3c' ? 'traceparent' : format.markerHeader))
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
