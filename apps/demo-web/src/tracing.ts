import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceLongFrames } from '@spanlight/web-tracing/long-frames'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'
import { API_URL, OTLP_ENDPOINT, ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENDPOINT } from './config.js'
import { matchRoute } from './routing/route-table.js'

/** Names the build in traces and error reports; a source map service picks the maps uploaded for it by this. */
const CODE_VERSION = '0.1.0'

// Set up once, before React renders, exactly as the package README tells users.
export const tracing = initWebTracing({
  serviceName: 'demo-web',
  serviceVersion: CODE_VERSION,
  environment: 'development',
  endpoint: OTLP_ENDPOINT,
  propagateTo: [API_URL],
  // every export carries the session (session.id, its start and last activity) as resource attributes; sampling by
  // session keeps or drops a visit whole. The demo keeps every session (sampleRate 1); lower it in production
  sampleBy: 'session',
  rollbar: lazyRollbarBridge({
    accessToken: ROLLBAR_ACCESS_TOKEN,
    endpoint: ROLLBAR_ENDPOINT,
    load: () => import('rollbar'),
    // codeVersion defaults to serviceVersion: the bridge sends it as the payload's client.javascript.code_version, by
    // which Rollbar (and the store) match source maps
  }),
})

// clicks, form submits and key activations as spans `click <label>`: the fetches a click causes (through TanStack
// Query, after awaits) become its children, so one click is one trace down to the database, without zone.js
traceInteractions(tracing)

// a span `navigation <route>` per History change (the app's links push, back/forward pop), and the page on every
// span. The route table's template, so `/users/worf` is recorded as `/users/:handle`: no handle in span names
traceRoutes(tracing, { route: (path) => matchRoute(path)?.template })

// frames that kept the main thread busy 50 ms or more, with the script to blame, under the click or navigation they
// delayed (the defaults: 50 ms, at most 30 frames a minute)
traceLongFrames(tracing)

// LCP, INP, CLS, FCP and TTFB, one span each per page view; they take the page's route from traceRoutes, and INP
// joins the span of the interaction it measures
traceWebVitals(tracing)
