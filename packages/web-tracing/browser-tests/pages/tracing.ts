import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({
  serviceName: config.serviceName,
  serviceVersion: '1.0.0-test',
  environment: 'test',
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: config.exportDelayMs ?? 100,
  ...(config.maxQueueSize ? { maxQueueSize: config.maxQueueSize } : {}),
})

interface RequestSpec {
  url: string
  init?: RequestInit
  /** build a Request object with these headers and pass `init` next to it */
  requestHeaders?: Record<string, string>
}

/** Starts a span like an app's click handler would and runs the fetches inside it. */
async function fetchInSpan(name: string, requests: RequestSpec[]) {
  const span = tracing.tracer.startSpan(name)
  const responses = context.with(trace.setSpan(context.active(), span), () =>
    requests.map((spec) => {
      const input = spec.requestHeaders ? new Request(spec.url, { headers: spec.requestHeaders }) : spec.url
      return fetch(input, spec.init).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      )
    }),
  )
  const results = await Promise.all(responses)
  span.end()
  return { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, results }
}

/** Ends `count` spans right away (for queue limits). */
function makeSpans(count: number) {
  for (let index = 0; index < count; index++) tracing.tracer.startSpan(`burst ${index}`).end()
}

markReady({
  fetchInSpan,
  makeSpans,
  flush: () => tracing.forceFlush(),
  stats: () => tracing.stats(),
  sessionId: () => tracing.sessionId(),
})
