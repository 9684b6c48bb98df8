import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { JaegerTraceSource, MAX_SERVICES_SEARCHED } = await import('./jaeger-trace-source')
const { DashboardError } = await import('./errors')
const { missingTimesWarning } = await import('./otlp/normalize-otlp')

const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
const NOW_MS = Date.parse('2026-06-10T01:00:00Z')
let server: FixtureServer
const OMITTED_TRACE_ID = '3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b'
let source: InstanceType<typeof JaegerTraceSource>

beforeAll(async () => {
  server = await startFixtureServer(4852, (url) => {
    if (url.pathname === '/jaeger/api/v3/services') return { body: fixture('jaeger-v3-services.json') }
    if (url.pathname === '/jaeger/api/v3/operations') return { body: fixture('jaeger-v3-operations-checkout-api.json') }
    if (url.pathname === `/jaeger/api/v3/traces/${TRACE_ID}`) return { body: fixture('jaeger-v3-trace-two-services-with-error.json') }
    if (url.pathname === `/jaeger/api/v3/traces/${OMITTED_TRACE_ID}`) return { body: fixture('jaeger-v3-trace-omitted-defaults.json') }
    if (url.pathname === '/jaeger/api/v3/traces' && url.searchParams.get('query.service_name') === 'frontend')
      return { body: fixture('jaeger-v3-search-frontend-whole-traces.json') }
    // a Jaeger with ten services, none of which has traces in the range (the gateway answers 404)
    if (url.pathname === '/many/api/v3/services') return { body: fixture('jaeger-v3-services-ten.json') }
    if (url.pathname === '/many/api/v3/traces') return { status: 404, body: fixture('jaeger-v3-error-not-found.json') }
    if (url.pathname === '/jaeger/api/v3/traces' && url.searchParams.get('query.service_name') === 'broken')
      return { status: 400, body: fixture('jaeger-v3-error-malformed-parameter.json') }
    if (url.pathname === '/jaeger/api/v3/traces') return { body: fixture('jaeger-v3-search-two-traces.json') }
    if (url.pathname === '/jaeger/api/dependencies') return { body: fixture('jaeger-dependencies-three-services.json') }
    return undefined
  })
  source = new JaegerTraceSource(
    { name: 'Jaeger', baseUrl: `${server.url}/jaeger`, headers: { authorization: 'Bearer jaeger-secret' }, timeoutMs: 2000, unreachableHint: '' },
    () => NOW_MS,
  )
})
afterAll(() => server.close())

describe('Jaeger api_v3 adapter (recorded responses)', () => {
  it('reads the dependency links of the range from the query service, saying it does not count failed calls', async () => {
    server.requests.length = 0
    const graph = await source.dependencies({ startFromMs: NOW_MS - 3_600_000, startToMs: NOW_MS })
    expect(graph).toEqual({
      supported: true,
      dependencies: [
        { parent: 'frontend', child: 'checkout-api', callCount: 12, errorCount: null },
        { parent: 'checkout-api', child: 'orders-db', callCount: 30, errorCount: null },
      ],
    })
    const asked = server.requests.find((request) => request.url.pathname === '/jaeger/api/dependencies')!
    expect([asked.url.searchParams.get('endTs'), asked.url.searchParams.get('lookback')]).toEqual([String(NOW_MS), '3600000'])
  })

  it('lists services and operations with kind names', async () => {
    expect(await source.services()).toEqual(['checkout-api', 'frontend'])
    expect(await source.operations('checkout-api')).toEqual([
      { name: 'POST /api/checkout', spanKind: 'server' },
      { name: 'SELECT carts', spanKind: 'client' },
    ])
    expect(server.requests.at(-1)!.url.searchParams.get('service')).toBe('checkout-api')
  })

  it('normalises a trace: both services, parent links, integer enums to names, ns kept exact', async () => {
    const trace = (await source.trace(TRACE_ID))!
    expect(trace.traceId).toBe(TRACE_ID)
    expect(trace.spans.map((span) => [span.serviceName, span.name, span.kind, span.status.code])).toEqual([
      ['frontend', 'HTTP GET', 'client', 'error'],
      ['checkout-api', 'POST /api/checkout', 'server', 'error'],
      ['checkout-api', 'SELECT carts', 'client', 'unset'],
    ])
    expect(trace.spans[1]!.parentSpanId).toBe('c8d93156b47cd010')
    expect(trace.startTimeUnixNano).toBe('1782036644636668000')
    expect(trace.durationMs).toBeCloseTo(261.558, 6)
    expect(trace.spans[1]!.attributes).toEqual([
      { key: 'http.route', value: '/api/checkout' },
      { key: 'retry', value: false },
      { key: 'ratio', value: 0.25 },
    ])
    expect(trace.spans[1]!.events[0]!.name).toBe('exception')
  })

  it('sends the read token only to the configured base URL', async () => {
    await source.trace(TRACE_ID)
    const request = server.requests.at(-1)!
    expect(request.url.pathname).toBe(`/jaeger/api/v3/traces/${TRACE_ID}`)
    expect(request.headers.authorization).toBe('Bearer jaeger-secret')
  })

  it('answers null for an unknown trace (404)', async () => {
    expect(await source.trace('0123456789abcdef0123456789abcdef')).toBeNull()
  })

  it('searches with snake_case api_v3 parameters and groups the flattened spans by trace', async () => {
    const page = await source.search({
      service: 'checkout-api',
      spanName: 'POST /api/checkout',
      errorsOnly: true,
      attributes: [{ key: 'http.route', value: '/api/checkout' }],
      minDurationMs: 100,
      maxDurationMs: 2000.5,
      startFromMs: NOW_MS - 3_600_000,
      limit: 20,
    })
    const params = server.requests.at(-1)!.url.searchParams
    expect(params.get('query.service_name')).toBe('checkout-api')
    expect(params.get('query.operation_name')).toBe('POST /api/checkout')
    expect(params.get('query.start_time_min')).toBe('2026-06-10T00:00:00.000Z')
    expect(params.get('query.start_time_max')).toBe('2026-06-10T01:00:00.001Z')
    expect(params.get('query.duration_min')).toBe('100ms')
    expect(params.get('query.duration_max')).toBe('2000500us')
    expect(params.get('query.search_depth')).toBe('20')
    expect(JSON.parse(params.get('query.attributes')!)).toEqual({ 'http.route': '/api/checkout', error: 'true' })
    expect(page.nextCursor).toBeNull()
    expect(page.traces.map((trace) => [trace.traceId, trace.rootServiceName, trace.spanCount, trace.errorCount])).toEqual([
      ['5b8efff798038103d269b633813fc60c', 'checkout-api', 1, 0],
      [TRACE_ID, 'frontend', 3, 2],
    ])
  })

  it('searches every service when none is given (Jaeger searches one at a time), merging traces newest first, each once', async () => {
    const before = server.requests.length
    const page = await source.search({ errorsOnly: true, attributes: [], limit: 20 })
    const searches = server.requests.slice(before).filter((request) => request.url.pathname === '/jaeger/api/v3/traces')
    expect(searches.map((request) => request.url.searchParams.get('query.service_name')).sort()).toEqual(['checkout-api', 'frontend'])
    expect(searches.every((request) => JSON.parse(request.url.searchParams.get('query.attributes')!).error === 'true')).toBe(true)
    // 2ea7… crosses both services and is found by both searches: shown once, with all its spans
    expect(page.traces.map((trace) => [trace.traceId, trace.rootServiceName, trace.spanCount])).toEqual([
      ['9d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a', 'frontend', 1],
      ['5b8efff798038103d269b633813fc60c', 'checkout-api', 1],
      [TRACE_ID, 'frontend', 3],
    ])
    expect(page.searchedServices).toEqual({ names: ['checkout-api', 'frontend'], total: 2 })
    expect(page.source).toEqual({ kind: 'jaeger', name: 'Jaeger' })
  })

  it('searches only the first services by name when there are many, says which, and reuses the service list', async () => {
    const many = new JaegerTraceSource({ name: 'Jaeger', baseUrl: `${server.url}/many`, headers: {}, timeoutMs: 2000, unreachableHint: '' }, () => NOW_MS)
    const before = server.requests.length
    const page = await many.search({ errorsOnly: false, attributes: [], limit: 20 })
    await many.search({ errorsOnly: false, attributes: [], limit: 20 })
    const requests = server.requests.slice(before)
    const searched = ['accounting', 'ad', 'cart', 'checkout', 'currency', 'email', 'fraud-detection', 'frontend']
    expect(MAX_SERVICES_SEARCHED).toBe(searched.length)
    expect(page).toEqual({ traces: [], nextCursor: null, source: { kind: 'jaeger', name: 'Jaeger' }, searchedServices: { names: searched, total: 10 } })
    expect(requests.filter((request) => request.url.pathname === '/many/api/v3/services')).toHaveLength(1)
    expect(requests.filter((request) => request.url.pathname === '/many/api/v3/traces')).toHaveLength(2 * searched.length)
  })

  it('reads a trace whose gateway left out zero values: times taken as 0 with a warning, absent lists empty, no resource', async () => {
    const trace = (await source.trace(OMITTED_TRACE_ID))!
    expect(trace.warnings).toEqual([missingTimesWarning(1)])
    expect(trace.warnings[0]).toBe('1 span came without a start or end time (the source leaves out zero values); taken as 0')
    const byId = new Map(trace.spans.map((span) => [span.spanId, span]))
    expect(byId.get('2222222222222222')).toMatchObject({ startTimeUnixNano: '0', endTimeUnixNano: '0', durationMs: 0, attributes: [], events: [], links: [] })
    expect(byId.get('3333333333333333')).toMatchObject({
      kind: 'unspecified',
      status: { code: 'unset', message: 'no code' },
      attributes: [
        { key: '', value: 'no key' },
        { key: 'no.value', value: null },
      ],
      events: [{ timeUnixNano: '0', name: 'no time', attributes: [] }],
    })
    expect(byId.get('4444444444444444')).toMatchObject({ serviceName: 'unknown_service', name: '', parentSpanId: '1111111111111111' })
  })

  it("maps Jaeger's error envelope to an upstream error naming Jaeger and its message", async () => {
    const failure = await source.search({ service: 'broken', errorsOnly: false, attributes: [], limit: 20 }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DashboardError)
    expect(failure).toMatchObject({ code: 'upstream_error', httpStatus: 502 })
    expect((failure as Error).message).toBe('Jaeger answered HTTP 400: malformed parameter query.start_time_min: parsing time')
  })

  it('serves a download as OTLP JSON with hex ids and integer enums', async () => {
    const document = (await source.otlp(TRACE_ID)) as {
      resourceSpans: { scopeSpans: { spans: { spanId: string; kind: number; status: { code: number } }[] }[] }[]
    }
    const spans = document.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))
    expect(spans.map((span) => [span.spanId, span.kind, span.status.code])).toEqual([
      ['c8d93156b47cd010', 3, 2],
      ['9082d67808fc8870', 2, 2],
      ['eee19b7ec3c1b174', 3, 0],
    ])
  })
})
