import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({
  serviceName: config.serviceName,
  environment: 'test',
  serviceVersion: '2.0.0',
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 50,
  rollbar: lazyRollbarBridge({
    accessToken: 'post-client-token',
    endpoint: `${config.endpoint}/api/1/item/`,
    load: () => import('rollbar'),
    // the bridge adds the code version (from serviceVersion) beside the app's own payload
    config: { payload: { client: { javascript: { guess_uncaught_frames: true } } } },
  }),
})

void tracing.rollbar().then((rollbar) => {
  markReady({
    /** reportError inside an app span: returns that span's trace id */
    reportInSpan(message: string) {
      const span = tracing.tracer.startSpan('place order')
      context.with(trace.setSpan(context.active(), span), () => tracing.reportError(new Error(message)))
      span.end()
      return span.spanContext().traceId
    },
    /** the app calls Rollbar itself inside a span that also fetches the API */
    async rollbarCallInSpan(message: string) {
      const span = tracing.tracer.startSpan('load cart')
      await context.with(trace.setSpan(context.active(), span), () => {
        const response = fetch(`${config.api}/api/cart`)
        ;(rollbar as { error: (error: Error) => unknown }).error(new Error(message))
        return response
      })
      span.end()
      return span.spanContext().traceId
    },
    /** an uncaught error outside any span */
    throwUncaught(message: string) {
      setTimeout(() => {
        throw new Error(message)
      })
    },
    /** an interaction whose callback throws, uncaught (from a timer, like an event handler) */
    escapeFromInteraction(message: string) {
      return new Promise<string>((resolve) => {
        setTimeout(() => {
          tracing.tracer.startActiveSpan('submit form', (span) => {
            resolve(span.spanContext().traceId)
            span.end()
            throw new Error(message)
          })
        })
      })
    },
    /** a fetch that fails, its rejection left unhandled by the app */
    unhandledFetchFailure(url: string) {
      void fetch(url).then((response) => response.json())
    },
    flush: () => tracing.forceFlush(),
    sessionId: () => tracing.sessionId(),
  })
})
