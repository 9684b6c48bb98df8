// The default entry with every frontend-signal entry: web vitals, interactions, route changes, long animation frames.
import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceLongFrames } from '@spanlight/web-tracing/long-frames'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'

const tracing = initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
})
traceWebVitals(tracing)
traceInteractions(tracing)
traceRoutes(tracing)
traceLongFrames(tracing)
