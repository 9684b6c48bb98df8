import { initWebTracing, MESSAGES } from '@spanlight/web-tracing'
import { config, markReady } from './test-config.js'

let threw = false
let tracing: ReturnType<typeof initWebTracing> | undefined
try {
  tracing = initWebTracing({
    serviceName: 42,
    sampleRate: 5,
    propagateTo: ['ftp://nope', config.api],
    endpoint: config.endpoint,
    exportDelayMs: 50,
    redactUrl: () => {
      throw new Error('user redaction bug')
    },
  } as never)
} catch {
  threw = true
}

markReady({
  threw: () => threw,
  messages: () => MESSAGES,
  fetchApi: async () => {
    const response = await fetch(`${config.api}/api/after-bad-options`)
    return response.status
  },
  flush: () => tracing?.forceFlush(),
})
