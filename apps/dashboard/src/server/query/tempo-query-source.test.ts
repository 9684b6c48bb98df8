import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../testing/fixture-server'

// Tempo's TraceQL metrics answers, in the shapes its API documents (src/server/__fixtures__/README.md), served on a
// test port so the source runs its real HTTP path (the Upstream class).
vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('../testing/fixture-server')
const { TempoQuerySource } = await import('./tempo-query-source')
const { UnsupportedClausesError } = await import('./query-source')

const START_SEC = 1_782_036_000
const RANGE = { start_time: START_SEC, end_time: START_SEC + 600, granularity: 60 }
let server: FixtureServer
let source: InstanceType<typeof TempoQuerySource>
let prometheus: InstanceType<typeof TempoQuerySource>

beforeAll(async () => {
  server = await startFixtureServer(4891, (url) => {
    const q = url.searchParams.get('q') ?? ''
    const prefix = url.pathname.startsWith('/prom/') ? '/prom' : ''
    const path = url.pathname.slice(prefix.length)
    if (prefix && path === '/api/metrics/query_range') return { body: fixture('tempo-metrics-prometheus-matrix-count.json') }
    if (path === '/api/metrics/query_range' && q.includes('count_over_time()')) return { body: fixture('tempo-metrics-count-by-service.json') }
    if (path === '/api/metrics/query_range' && q.includes('quantile_over_time'))
      return { body: fixture('tempo-metrics-p95-duration-by-service-exemplars.json') }
    if (path === '/api/metrics/query_range' && q.includes('histogram_over_time')) return { body: fixture('tempo-metrics-histogram-duration.json') }
    if (path === '/api/metrics/query' && q.includes('quantile_over_time')) return { body: fixture('tempo-metrics-instant-p95-duration-by-service.json') }
    if (path === '/api/metrics/query' && q.includes('compare(')) return { body: fixture('tempo-metrics-compare-errors.json') }
    if (path === '/api/metrics/query_range' && q.includes('max_over_time')) return { status: 400, text: 'parse error at line 1, col 20: syntax error' }
    return undefined
  })
  const upstream = { name: 'Tempo', baseUrl: server.url, headers: { 'x-scope-orgid': 'team-a' }, timeoutMs: 2000, unreachableHint: '' }
  source = new TempoQuerySource(upstream)
  prometheus = new TempoQuerySource({ ...upstream, baseUrl: `${server.url}/prom` })
})
afterAll(() => server.close())

describe('Tempo query source (recorded TraceQL metrics answers)', () => {
  it('asks query_range with the TraceQL, unix-second range and the granularity as step', async () => {
    server.requests.length = 0
    await source.run({ ...RANGE, calculations: [{ op: 'COUNT' }], breakdowns: ['service.name'], filters: [{ column: 'http.route', op: '=', value: '/x' }] })
    expect(server.requests).toHaveLength(1)
    const { url, headers } = server.requests[0]!
    expect(url.pathname).toBe('/api/metrics/query_range')
    expect(url.searchParams.get('q')).toBe('{ .http.route = "/x" } | count_over_time() by (resource.service.name)')
    expect([url.searchParams.get('start'), url.searchParams.get('end'), url.searchParams.get('step')]).toEqual([
      String(START_SEC),
      String(START_SEC + 600),
      '60s',
    ])
    expect(headers['x-scope-orgid']).toBe('team-a')
  })

  it('turns series into the store’s result: totals summed per group, ordered by COUNT, a group without the label as null', async () => {
    const result = await source.run({ ...RANGE, calculations: [{ op: 'COUNT' }], breakdowns: ['service.name'] })
    expect(result.data.results).toEqual([
      { data: { 'service.name': 'checkout-api', COUNT: 42 }, exampleTraceIds: [] },
      { data: { 'service.name': 'frontend', COUNT: 9 }, exampleTraceIds: [] },
      { data: { 'service.name': null, COUNT: 1 }, exampleTraceIds: [] },
    ])
    expect(result.groups).toEqual([{ 'service.name': 'checkout-api' }, { 'service.name': 'frontend' }, { 'service.name': null }])
    expect(result.data.series.slice(0, 3)).toEqual([
      { time: '2026-06-21T10:00:00.000Z', data: { 'service.name': 'checkout-api', COUNT: 12 }, exampleTraceIds: [] },
      { time: '2026-06-21T10:01:00.000Z', data: { 'service.name': 'checkout-api', COUNT: 30 }, exampleTraceIds: [] },
      { time: '2026-06-21T10:02:00.000Z', data: { 'service.name': 'checkout-api', COUNT: 0 }, exampleTraceIds: [] },
    ])
    expect(result.query).toMatchObject({ breakdowns: ['service.name'], start_time: START_SEC, end_time: START_SEC + 600, granularity: 60, limit: 100 })
    expect(result.meta).toMatchObject({ source: 'tempo', traceql: ['{ } | count_over_time() by (resource.service.name)'] })
  })

  it('scales duration percentiles from seconds to ms, takes totals from the instant query and exemplars as example traces', async () => {
    server.requests.length = 0
    const result = await source.run({ ...RANGE, calculations: [{ op: 'P95', column: 'duration_ms' }], breakdowns: ['service.name'] })
    expect(server.requests.map((request) => request.url.pathname).sort()).toEqual(['/api/metrics/query', '/api/metrics/query_range'])
    expect(result.data.results).toEqual([
      {
        data: { 'service.name': 'checkout-api', 'P95(duration_ms)': 480 },
        exampleTraceIds: ['2ea75461946a7dd10f2c15ab36a076cb', '2ea77461946a7dd10f2c15ab36a076cb'],
      },
      { data: { 'service.name': 'frontend', 'P95(duration_ms)': 120 }, exampleTraceIds: [] },
    ])
    // the NaN of an empty bucket leaves no point; each exemplar goes to the bucket its span started in
    expect(result.data.series.filter((point) => point.data['service.name'] === 'checkout-api')).toEqual([
      {
        time: '2026-06-21T10:00:00.000Z',
        data: { 'service.name': 'checkout-api', 'P95(duration_ms)': 250 },
        exampleTraceIds: ['2ea77461946a7dd10f2c15ab36a076cb'],
      },
      {
        time: '2026-06-21T10:01:00.000Z',
        data: { 'service.name': 'checkout-api', 'P95(duration_ms)': 500 },
        exampleTraceIds: ['2ea75461946a7dd10f2c15ab36a076cb'],
      },
    ])
  })

  it('applies orders, havings and the limit to the totals it computed', async () => {
    const result = await source.run({
      ...RANGE,
      calculations: [{ op: 'COUNT' }],
      breakdowns: ['service.name'],
      orders: [{ column: 'service.name', order: 'descending' }],
      havings: [{ calculate_op: 'COUNT', op: '>', value: 1 }],
      limit: 1,
    })
    expect(result.data.results.map((row) => row.data)).toEqual([{ 'service.name': 'frontend', COUNT: 9 }])
    expect(result.data.series.every((point) => point.data['service.name'] === 'frontend')).toBe(true)
    expect(result.meta.appliedByDashboard.map((note) => note.clause)).toEqual(['havings', 'orders', 'limit'])
  })

  it('reads a histogram as the store’s heatmap: power-of-two buckets in ms, empty cells left out', async () => {
    const result = await source.run({ ...RANGE, calculations: [{ op: 'HEATMAP', column: 'duration_ms' }] })
    expect(result.data.heatmaps).toEqual([
      {
        calculation: 'HEATMAP(duration_ms)',
        column: 'duration_ms',
        valueBuckets: 2,
        minValue: 65.536,
        maxValue: 524.288,
        cells: [
          { time: '2026-06-21T10:00:00.000Z', lowerBound: 65.536, upperBound: 131.072, count: 7, exampleTraceIds: ['0a8efff798038103d269b633813fc60c'] },
          { time: '2026-06-21T10:01:00.000Z', lowerBound: 262.144, upperBound: 524.288, count: 2, exampleTraceIds: [] },
        ],
      },
    ])
  })

  it('reads a Prometheus-compatible matrix the same way', async () => {
    const result = await prometheus.run({ ...RANGE, calculations: [{ op: 'COUNT' }], breakdowns: ['service.name'] })
    expect(result.data.results.map((row) => row.data)).toEqual([
      { 'service.name': 'checkout-api', COUNT: 42 },
      { 'service.name': 'frontend', COUNT: 5 },
    ])
  })

  it('refuses a spec with clauses Tempo cannot answer, naming each, before sending anything', async () => {
    server.requests.length = 0
    const refused = source.run({
      ...RANGE,
      calculations: [{ op: 'COUNT_DISTINCT', column: 'user.id' }],
      filters: [{ column: 'span.num_links', op: '>', value: 0 }],
    })
    await expect(refused).rejects.toBeInstanceOf(UnsupportedClausesError)
    await expect(refused).rejects.toMatchObject({
      clauses: [{ clause: 'filters[0]: span.num_links >' }, { clause: 'calculations[0]: COUNT_DISTINCT(user.id)' }],
    })
    expect(server.requests).toHaveLength(0)
  })

  it('reads a comparison’s selection filters by the store’s rules, naming them as selection.filters', async () => {
    server.requests.length = 0
    const refused = source.compare({ query: RANGE, selection: { filters: [{ column: 'duration_ms', op: '>', value: 'slow' }] } })
    await expect(refused).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^selection\.filters\[0\]\.value: > needs a number/) })
    expect(server.requests).toHaveLength(0)
  })

  it('maps Tempo’s own refusal to a 502 naming Tempo', async () => {
    await expect(source.run({ ...RANGE, calculations: [{ op: 'MAX', column: 'duration_ms' }] })).rejects.toMatchObject({
      code: 'upstream_error',
      httpStatus: 502,
    })
  })

  it('compares with compare() as an instant query and scores columns by total variation distance', async () => {
    server.requests.length = 0
    const result = await source.compare({
      query: { ...RANGE, filters: [{ column: 'span.kind', op: '=', value: 'server' }] },
      selection: { filters: [{ column: 'error', op: '=', value: true }], start_time: START_SEC + 60, end_time: START_SEC + 120 },
    })
    const { url } = server.requests[0]!
    expect(url.pathname).toBe('/api/metrics/query')
    expect(url.searchParams.get('q')).toBe('{ kind = server } | compare({ status = error }, 20, 1782036060000000000, 1782036120000000000)')
    expect(result.selection).toEqual({ count: 10 })
    expect(result.baseline).toEqual({ count: 90 })
    const service = result.results.find((column) => column.column === 'service.name')!
    expect(service.values).toEqual([
      { value: 'checkout-api', selected: 8, baseline: 20 },
      { value: 'frontend', selected: 2, baseline: 70 },
    ])
    // |0.8 − 0.222| + |0.2 − 0.778| over 2
    expect(service.score).toBeCloseTo(0.5778, 3)
    const route = result.results.find((column) => column.column === 'http.route')!
    expect(route).toMatchObject({ otherSelected: 0, otherBaseline: 10, missingSelected: 2, missingBaseline: 65 })
    expect(result.results[0]!.score).toBeGreaterThanOrEqual(result.results[1]!.score)
  })
})
