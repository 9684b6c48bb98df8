// Every opt-in entry but the Rollbar bridge (whose size is rollbar's): zone.js, XHR, B3/X-Ray, web vitals.
import '@spanlight/web-tracing/zone'
import '@spanlight/web-tracing/xhr'
import { initWebTracing } from '@spanlight/web-tracing'
import { b3, xray } from '@spanlight/web-tracing/propagation'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'

const tracing = initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
  propagationFormats: ['w3c', b3(), xray()],
})
traceWebVitals(tracing)
