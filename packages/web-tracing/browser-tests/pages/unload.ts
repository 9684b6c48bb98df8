import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  // long enough that only the unload path can deliver these spans
  exportDelayMs: 60_000,
  instrumentations: { documentLoad: false },
})

const button = document.createElement('button')
button.id = 'checkout'
button.textContent = 'Checkout'
button.addEventListener('click', () => {
  const span = tracing.tracer.startSpan('checkout click')
  // the API answers slowly, so the fetch is still in flight when the page goes away
  context.with(trace.setSpan(context.active(), span), () => void fetch(`${config.api}/api/checkout?delayMs=400`, { method: 'POST' }).catch(() => undefined))
  span.end()
})
document.body.append(button)
markReady({})
