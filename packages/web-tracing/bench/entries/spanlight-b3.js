import { initWebTracing } from '@spanlight/web-tracing'
import { b3, xray } from '@spanlight/web-tracing/propagation'

initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
  propagationFormats: ['w3c', b3(), xray()],
})
