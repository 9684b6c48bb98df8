import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { config, markReady } from './test-config.js'

// Rollbar from options loads lazily: everything below runs before it is there.
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  exportDelayMs: 60_000,
  rollbar: lazyRollbarBridge({ accessToken: 'post-client-token', endpoint: `${config.endpoint}/api/1/item/`, load: () => import('rollbar') }),
})

markReady({
  /** reportError inside an app span and outside any span, before Rollbar has loaded; then forceFlush */
  async reportEarlyAndFlush(message: string) {
    const span = tracing.tracer.startSpan('early click')
    context.with(trace.setSpan(context.active(), span), () => tracing.reportError(new Error(`${message} in span`)))
    span.end()
    tracing.reportError(new Error(`${message} outside`))
    const started = performance.now()
    await tracing.forceFlush()
    return { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, flushMs: performance.now() - started, stats: tracing.stats() }
  },
  /** an uncaught error (from a timer, as from a click handler) and an unhandled rejection, before Rollbar has loaded */
  async failUncaughtEarly(message: string) {
    let rollbarReady = false
    void tracing.ready().then(() => (rollbarReady = true))
    setTimeout(() => {
      throw new Error(`${message} thrown`)
    })
    void Promise.reject(new Error(`${message} rejected`))
    // both events have been dispatched once a later task runs
    await new Promise((resolve) => setTimeout(resolve, 0))
    return { rollbarReadyBefore: rollbarReady }
  },
  async flush() {
    await tracing.forceFlush()
  },
})
