import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, fixtureText, startFixtureServer } = await import('./testing/fixture-server')
const { TempoTraceSource, buildTraceql } = await import('./tempo-trace-source')
const { missingTimesWarning } = await import('./otlp/normalize-otlp')

const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
const NOW_MS = 1_782_040_000_000
let server: FixtureServer
let source: InstanceType<typeof TempoTraceSource>

beforeAll(async () => {
  server = await startFixtureServer(4853, (url) => {
    if (url.pathname === '/api/search/tag/service.name/values') return { body: fixture('tempo-tag-values-service-name.json') }
    if (url.pathname === '/api/v2/search/tag/name/values') return { body: fixture('tempo-v2-tag-values-name.json') }
    if (url.pathname === `/api/v2/traces/${TRACE_ID}`) return { body: fixture('tempo-v2-trace-base64-ids-enum-names.json') }
    if (url.pathname === '/api/v2/traces/0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a') return { text: fixtureText('tempo-v2-trace-omitted-defaults-int64-numbers.json') }
    if (url.pathname === '/api/v2/traces/00000000000000000000000000000bad')
      return {
        body: {
          trace: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-an-id', spanId: 'x', startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }] },
        },
      }
    if (url.pathname === '/api/search') return { body: fixture('tempo-search-two-traces.json') }
    return undefined
  })
  source = new TempoTraceSource(
    { name: 'Tempo', baseUrl: server.url, headers: { 'x-scope-orgid': 'team-a' }, timeoutMs: 2000, unreachableHint: '' },
    () => NOW_MS,
  )
})
afterAll(() => server.close())

describe('Tempo adapter (recorded responses)', () => {
  it('decodes base64 ids and enum names into the same model as OTLP hex and integers', async () => {
    const trace = (await source.trace(TRACE_ID))!
    expect(trace.traceId).toBe(TRACE_ID)
    expect(trace.spans.map((span) => [span.spanId, span.parentSpanId, span.serviceName, span.kind, span.status.code])).toEqual([
      ['c8d93156b47cd010', null, 'frontend', 'client', 'error'],
      ['9082d67808fc8870', 'c8d93156b47cd010', 'checkout-api', 'server', 'error'],
      ['eee19b7ec3c1b174', '9082d67808fc8870', 'checkout-api', 'client', 'unset'],
    ])
    expect(server.requests.at(-1)!.headers['x-scope-orgid']).toBe('team-a')
  })

  it('reads int64 numbers exactly and a span without times as 0 with a warning, NaN and -Infinity spelled as strings', async () => {
    const trace = (await source.trace('0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'))!
    expect(trace.warnings).toEqual([missingTimesWarning(1)])
    expect(trace.spans.map((span) => [span.spanId, span.startTimeUnixNano, span.endTimeUnixNano])).toEqual([
      ['c0ffee0000000002', '0', '0'],
      ['c0ffee0000000001', '1782036900000000001', '1782036900123456789'],
    ])
    const root = trace.spans[1]!
    expect(root.attributes.slice(0, 6)).toEqual([
      { key: 'count.big', value: '9007199254740993' },
      { key: 'count.small', value: 42 },
      { key: 'count.text', value: -7 },
      { key: 'ratio.huge', value: 1e300 },
      { key: 'ratio.nan', value: 'NaN' },
      { key: 'ratio.infinite', value: '-Infinity' },
    ])
    expect(root.events[0]!.timeUnixNano).toBe('1782036900000100003')
  })

  it('answers null for an unknown trace and rejects ids that are neither hex nor base64 as a bad upstream response', async () => {
    expect(await source.trace('0123456789abcdef0123456789abcdef')).toBeNull()
    await expect(source.trace('00000000000000000000000000000bad')).rejects.toMatchObject({ code: 'upstream_bad_response', httpStatus: 502 })
  })

  it('searches in TraceQL with times in seconds and reads both result styles', async () => {
    const page = await source.search({ service: 'frontend', errorsOnly: true, attributes: [], minDurationMs: 100, startFromMs: NOW_MS - 900_000, limit: 20 })
    const params = server.requests.at(-1)!.url.searchParams
    expect(params.get('q')).toBe('{ resource.service.name = "frontend" && status = error && traceDuration >= 100ms }')
    expect(params.get('start')).toBe(String((NOW_MS - 900_000) / 1000))
    expect(params.get('end')).toBe(String(NOW_MS / 1000 + 1))
    expect(params.get('limit')).toBe('20')
    expect(page.traces).toEqual([
      {
        traceId: '0a8efff798038103d269b633813fc60c',
        rootServiceName: 'checkout-api',
        rootSpanName: 'GET /health',
        startTimeUnixNano: '1782036649636668000',
        durationMs: 0,
        spanCount: null,
        errorCount: null,
        services: [],
      },
      {
        traceId: TRACE_ID,
        rootServiceName: 'frontend',
        rootSpanName: 'HTTP GET',
        startTimeUnixNano: '1782036644636668000',
        durationMs: 261,
        spanCount: 3,
        errorCount: 2,
        services: [
          { name: 'frontend', spanCount: 1, errorCount: 1 },
          { name: 'checkout-api', spanCount: 2, errorCount: 1 },
        ],
      },
    ])
  })

  it('lists services and span names from tag values in both response styles', async () => {
    expect(await source.services()).toEqual(['checkout-api', 'frontend'])
    expect((await source.operations('checkout-api')).map((operation) => operation.name)).toEqual(['POST /api/checkout', 'SELECT carts'])
    expect(server.requests.at(-1)!.url.searchParams.get('q')).toBe('{ resource.service.name = "checkout-api" }')
  })

  it('escapes quotes in TraceQL strings and refuses attribute keys TraceQL cannot name', () => {
    expect(buildTraceql({ spanName: 'say "hi" \\o/', errorsOnly: false, attributes: [{ key: 'http.route', value: '/a"b' }], limit: 1 })).toBe(
      '{ name = "say \\"hi\\" \\\\o/" && .http.route = "/a\\"b" }',
    )
    expect(() => buildTraceql({ errorsOnly: false, attributes: [{ key: 'a b', value: 'x' }], limit: 1 })).toThrow(/cannot be searched in Tempo/)
    expect(buildTraceql({ errorsOnly: false, attributes: [], limit: 1 })).toBe('{ }')
  })
})
