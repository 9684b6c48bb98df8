import '@spanlight/web-tracing/zone'
import { initWebTracing } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({ serviceName: config.serviceName, endpoint: config.endpoint, propagateTo: [config.api], exportDelayMs: 50 })

markReady({
  /** the fetch starts in a timer callback and a promise callback: only zone.js keeps the span active there */
  timerThenFetch() {
    return new Promise<string>((resolve) => {
      tracing.tracer.startActiveSpan('zone click', (span) => {
        setTimeout(() => {
          void Promise.resolve()
            .then(() => fetch(`${config.api}/api/zone`))
            .then(() => {
              span.end()
              resolve(span.spanContext().traceId)
            })
        })
      })
    })
  },
})
