import { fixture, fixtureText, startFixtureServer, type FixtureReply } from '../src/server/testing/fixture-server'

// Jaeger and Tempo for the sources' Playwright run: the recorded responses of src/server/__fixtures__ (their shapes
// and origins are in its README), served over HTTP as Jaeger's api_v3 gateway (under /jaeger) and Tempo's HTTP API
// (under /tempo) answer them. Playwright starts it once (globalSetup) and stops it after the run.

export const UPSTREAM_PORT = 4894
export const JAEGER_DASHBOARD_PORT = 4895
export const TEMPO_DASHBOARD_PORT = 4896
/** a store without tokens, that downloads are re-imported into (and the dashboards' Rollbar items come from) */
export const STORE_PORT = 4897
export const UPSTREAM_URL = `http://127.0.0.1:${UPSTREAM_PORT}`
export const STORE_URL = `http://127.0.0.1:${STORE_PORT}`

/** Jaeger: two services, one with an error (jaeger-v3-trace-two-services-with-error.json) */
export const JAEGER_TWO_SERVICES_TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
/** Jaeger: a span of every value type, flags, traceState, dropped counts (jaeger-v3-trace-every-value-type.json) */
export const JAEGER_EVERY_VALUE_TRACE_ID = '7c1d0e2f3a4b5c6d7e8f901a2b3c4d5e'
/** Jaeger: zero values left out, one span without start and end times (jaeger-v3-trace-omitted-defaults.json) */
export const JAEGER_OMITTED_DEFAULTS_TRACE_ID = '3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b'
/** Jaeger answers this trace with its error envelope (jaeger-v3-error-malformed-parameter.json, HTTP 400) */
export const JAEGER_FAILING_TRACE_ID = 'bad0bad0bad0bad0bad0bad0bad0bad0'
/** Tempo: int64 numbers, NaN spelled as a string, a span without times (tempo-v2-trace-omitted-defaults-int64-numbers.json) */
export const TEMPO_INT64_TRACE_ID = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'

const json = (name: string): FixtureReply => ({ body: fixture(name) })
/** served as recorded, so what parsing would lose (int64 above 2^53, -0) reaches the dashboard */
const recorded = (name: string): FixtureReply => ({ text: fixtureText(name) })

function jaeger(url: URL, path: string): FixtureReply | undefined {
  if (path === 'api/v3/services') return json('jaeger-v3-services.json')
  if (path === 'api/v3/operations') return json('jaeger-v3-operations-checkout-api.json')
  if (path === 'api/dependencies') return json('jaeger-dependencies-three-services.json')
  // search: one service at a time; frontend's search returns the spans of whole traces, as FindTraces does
  if (path === 'api/v3/traces')
    return json(url.searchParams.get('query.service_name') === 'frontend' ? 'jaeger-v3-search-frontend-whole-traces.json' : 'jaeger-v3-search-two-traces.json')
  if (path === `api/v3/traces/${JAEGER_TWO_SERVICES_TRACE_ID}`) return json('jaeger-v3-trace-two-services-with-error.json')
  if (path === `api/v3/traces/${JAEGER_EVERY_VALUE_TRACE_ID}`) return recorded('jaeger-v3-trace-every-value-type.json')
  if (path === `api/v3/traces/${JAEGER_OMITTED_DEFAULTS_TRACE_ID}`) return recorded('jaeger-v3-trace-omitted-defaults.json')
  if (path === `api/v3/traces/${JAEGER_FAILING_TRACE_ID}`) return { status: 400, body: fixture('jaeger-v3-error-malformed-parameter.json') }
  if (path.startsWith('api/v3/traces/')) return { status: 404, body: fixture('jaeger-v3-error-not-found.json') }
  return undefined
}

function tempo(path: string): FixtureReply | undefined {
  if (path === 'api/search/tag/service.name/values') return json('tempo-tag-values-service-name.json')
  if (path === 'api/v2/search/tag/name/values') return json('tempo-v2-tag-values-name.json')
  if (path === 'api/search') return json('tempo-search-two-traces.json')
  if (path === `api/v2/traces/${JAEGER_TWO_SERVICES_TRACE_ID}`) return json('tempo-v2-trace-base64-ids-enum-names.json')
  if (path === `api/v2/traces/${TEMPO_INT64_TRACE_ID}`) return recorded('tempo-v2-trace-omitted-defaults-int64-numbers.json')
  return undefined
}

/** Playwright's globalSetup: serves both upstreams until the run ends. */
export default async function startUpstreams(): Promise<() => Promise<void>> {
  const server = await startFixtureServer(UPSTREAM_PORT, (url) => {
    const [, upstream, ...rest] = url.pathname.split('/')
    const path = rest.join('/')
    if (upstream === 'jaeger') return jaeger(url, path)
    if (upstream === 'tempo') return tempo(path)
    return undefined
  })
  return () => server.close()
}
