import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'
import { API_URL, OTLP_ENDPOINT, ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENDPOINT } from './config.js'

/** Names the build in traces and error reports; a source map service picks the maps uploaded for it by this. */
const CODE_VERSION = '0.1.0'

// Set up once, before React renders, exactly as the package README tells users.
export const tracing = initWebTracing({
  serviceName: 'demo-web',
  serviceVersion: CODE_VERSION,
  environment: 'development',
  endpoint: OTLP_ENDPOINT,
  propagateTo: [API_URL],
  rollbar: lazyRollbarBridge({
    accessToken: ROLLBAR_ACCESS_TOKEN,
    endpoint: ROLLBAR_ENDPOINT,
    load: () => import('rollbar'),
    // codeVersion defaults to serviceVersion: the bridge sends it as the payload's client.javascript.code_version, by
    // which Rollbar (and the store) match source maps
  }),
})

// LCP, INP, CLS, FCP and TTFB, one span each per page view (the SPA has a single route: url.path is enough)
traceWebVitals(tracing)
