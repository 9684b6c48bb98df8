import '@spanlight/web-tracing/zone'
import { initWebTracing } from '@spanlight/web-tracing'
import { installFetchLoop } from './cost-loop.js'

const { endpoint, api } = window.__BENCH__
const tracing = initWebTracing({ serviceName: 'bench-web', endpoint, propagateTo: [api], instrumentations: { documentLoad: false } })
// instrumentation-fetch ends spans ~300 ms after the response: wait for that, then export
installFetchLoop(() => new Promise((resolve) => setTimeout(resolve, 400)).then(() => tracing.forceFlush()))
