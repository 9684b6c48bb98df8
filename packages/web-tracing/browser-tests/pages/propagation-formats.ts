import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { b3, xray } from '@spanlight/web-tracing/propagation'
import { config, markReady } from './test-config.js'

// B3 and X-Ray headers come from the opt-in /propagation entry, as values.
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  exportDelayMs: 50,
  propagationFormats: ['w3c', b3(), xray()],
})

markReady({
  /** a same-origin fetch (no CORS to allow the extra headers) inside a span; returns the span's trace id */
  async fetchInSpan(path: string) {
    const span = tracing.tracer.startSpan('load formats')
    await context.with(trace.setSpan(context.active(), span), () => fetch(path))
    span.end()
    return span.spanContext().traceId
  },
})
