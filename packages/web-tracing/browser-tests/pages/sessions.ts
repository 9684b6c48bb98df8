// Sessions: one page load of an app whose session, sampling and timeout the
// test chooses. Only the traces the test starts are recorded (no fetch or
// document-load spans), so the store holds exactly what the test expects.
import { context, trace, TraceFlags } from '@opentelemetry/api'
import { initWebTracing, type WebTracingOptions } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

const options = config as typeof config & Pick<WebTracingOptions, 'sessionTimeoutMs' | 'sampleRate' | 'sampleBy'>

const tracing = initWebTracing({
  serviceName: options.serviceName,
  environment: 'test',
  endpoint: options.endpoint,
  exportDelayMs: options.exportDelayMs ?? 100,
  instrumentations: { fetch: false, documentLoad: false },
  ...(options.sessionTimeoutMs !== undefined && { sessionTimeoutMs: options.sessionTimeoutMs }),
  ...(options.sampleRate !== undefined && { sampleRate: options.sampleRate }),
  ...(options.sampleBy !== undefined && { sampleBy: options.sampleBy }),
})

/** A root span with one child, like a click and the step it started; returns the trace id, whether it is recorded, and the session it was started in. */
function startTrace(name: string) {
  const root = tracing.tracer.startSpan(name)
  tracing.tracer.startSpan(`${name} step`, {}, trace.setSpan(context.active(), root)).end()
  root.end()
  const sessionId = tracing.sessionId()
  const { traceId, traceFlags } = root.spanContext()
  return { traceId, sampled: (traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED, sessionId }
}

markReady({
  startTrace,
  flush: () => tracing.forceFlush(),
  stats: () => tracing.stats(),
  sessionId: () => tracing.sessionId(),
})
