import { context, trace } from '@opentelemetry/api'

/**
 * Exposes to the export bench: `__burst(count, attributeLength)` ends
 * `count` children of one root span (then the root) and returns the trace
 * id; `__flush()` exports now; `__stats()` the SDK's counters, when it has any.
 */
export function installLoadApi(tracer, flush, stats = () => undefined) {
  window.__burst = (count, attributeLength) => {
    const root = tracer.startSpan(`burst of ${count}`)
    const parent = trace.setSpan(context.active(), root)
    const payload = 'p'.repeat(attributeLength)
    for (let index = 0; index < count; index++) tracer.startSpan(`burst span ${index}`, { attributes: { payload, index } }, parent).end()
    root.end()
    return root.spanContext().traceId
  }
  window.__flush = flush
  window.__stats = stats
  window.__READY__ = true
}
