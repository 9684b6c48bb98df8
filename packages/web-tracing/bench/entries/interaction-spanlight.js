import { initWebTracing } from '@spanlight/web-tracing'
import { installClickLoop } from './interaction-loop.js'

const { endpoint, api, service } = window.__BENCH__
const tracing = initWebTracing({ serviceName: service, endpoint, propagateTo: [api], instrumentations: { documentLoad: false } })
// fetch spans end ~300 ms after the response: wait for that, then export
installClickLoop(() => new Promise((resolve) => setTimeout(resolve, 400)).then(() => tracing.forceFlush()))
