import { initWebTracing } from '@spanlight/web-tracing'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'

const tracing = initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
})
traceWebVitals(tracing)
