import { context, trace } from '@opentelemetry/api'
import '@spanlight/web-tracing/xhr'
import { initWebTracing } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 50,
  instrumentations: { documentLoad: false },
})

function get(url: string) {
  return new Promise<number>((resolve) => {
    const request = new XMLHttpRequest()
    request.open('GET', url)
    request.onloadend = () => resolve(request.status)
    request.send()
  })
}

markReady({
  async xhrInSpan() {
    const span = tracing.tracer.startSpan('legacy widget')
    const statuses = await context.with(trace.setSpan(context.active(), span), () => Promise.all([get(`${config.api}/api/xhr`), get(`${config.third}/xhr`)]))
    span.end()
    return { traceId: span.spanContext().traceId, statuses }
  },
})
