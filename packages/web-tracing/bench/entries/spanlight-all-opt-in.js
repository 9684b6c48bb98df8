// Every opt-in entry but the Rollbar bridge (whose size is rollbar's) and React: zone.js, XHR, B3/X-Ray, and the
// frontend signals (web vitals, interactions, route changes, long animation frames).
import '@spanlight/web-tracing/zone'
import '@spanlight/web-tracing/xhr'
import { initWebTracing } from '@spanlight/web-tracing'
import { b3, xray } from '@spanlight/web-tracing/propagation'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceLongFrames } from '@spanlight/web-tracing/long-frames'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'

const tracing = initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
  propagationFormats: ['w3c', b3(), xray()],
})
traceWebVitals(tracing)
traceInteractions(tracing)
traceRoutes(tracing)
traceLongFrames(tracing)
