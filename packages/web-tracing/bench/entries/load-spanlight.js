import { initWebTracing } from '@spanlight/web-tracing'
import { installLoadApi } from './load-loop.js'

// the defaults, as the README's quick start sets it up
const { endpoint, serviceName } = window.__BENCH__
const tracing = initWebTracing({ serviceName, endpoint, instrumentations: { documentLoad: false } })
installLoadApi(
  tracing.tracer,
  () => tracing.forceFlush(),
  () => tracing.stats(),
)
