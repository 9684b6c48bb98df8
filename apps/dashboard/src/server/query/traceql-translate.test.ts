import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
const { parseHoneycombSpec } = await import('./honeycomb-spec')
const { translateSpec } = await import('./traceql-translate')

const NOW_MS = 1_782_040_000_000

function translate(spec: Record<string, unknown>) {
  const problems: { clause: string; message: string }[] = []
  const plan = translateSpec(parseHoneycombSpec({ time_range: 3600, ...spec }, NOW_MS), problems)
  return { plan, problems, queries: plan.calculations.map((calculation) => calculation.traceql) }
}

function filterOf(...filters: Record<string, unknown>[]): string {
  const { plan, problems } = translate({ filters })
  expect(problems).toEqual([])
  return plan.filter
}

describe('Honeycomb spec → TraceQL metrics', () => {
  it('writes each calculation as its TraceQL metrics function, durations in seconds scaled to ms', () => {
    const { plan, problems } = translate({
      calculations: [
        { op: 'COUNT' },
        { op: 'P95', column: 'duration_ms' },
        { op: 'P999', column: 'duration_ms' },
        { op: 'HEATMAP', column: 'duration_ms' },
        { op: 'SUM', column: 'http.response.size' },
        { op: 'AVG', column: 'duration_ms' },
        { op: 'MIN', column: 'duration_ms' },
        { op: 'MAX', column: 'db.rows' },
      ],
    })
    expect(problems).toEqual([])
    expect(plan.calculations.map((c) => [c.label, c.traceql, c.scale, c.shape, c.total])).toEqual([
      ['COUNT', '{ } | count_over_time()', 1, 'value', 'sum'],
      ['P95(duration_ms)', '{ } | quantile_over_time(duration, 0.95)', 1000, 'value', 'instant'],
      ['P999(duration_ms)', '{ } | quantile_over_time(duration, 0.999)', 1000, 'value', 'instant'],
      ['HEATMAP(duration_ms)', '{ } | histogram_over_time(duration)', 1000, 'heatmap', 'none'],
      ['SUM(http.response.size)', '{ } | sum_over_time(.http.response.size)', 1, 'value', 'sum'],
      ['AVG(duration_ms)', '{ } | avg_over_time(duration)', 1000, 'value', 'instant'],
      ['MIN(duration_ms)', '{ } | min_over_time(duration)', 1000, 'value', 'min'],
      ['MAX(db.rows)', '{ } | max_over_time(.db.rows)', 1, 'value', 'max'],
    ])
  })

  it('computes RATE_* from the matching *_over_time series and says the dashboard did', () => {
    const { plan } = translate({
      calculations: [
        { op: 'RATE_SUM', column: 'bytes' },
        { op: 'RATE_MAX', column: 'duration_ms' },
      ],
    })
    expect(plan.calculations.map((c) => [c.traceql, c.shape])).toEqual([
      ['{ } | sum_over_time(.bytes)', 'rate'],
      ['{ } | max_over_time(duration)', 'rate'],
    ])
    expect(plan.appliedByDashboard.map((note) => note.clause)).toContain('RATE_*')
  })

  it('groups with by() in breakdown order, mapping intrinsic columns to TraceQL names; a heatmap stays ungrouped', () => {
    const { queries } = translate({
      calculations: [{ op: 'COUNT' }, { op: 'HEATMAP', column: 'duration_ms' }],
      breakdowns: ['service.name', 'http.route', 'name', 'span.kind', 'status_code'],
    })
    expect(queries).toEqual(['{ } | count_over_time() by (resource.service.name, .http.route, name, kind, status)', '{ } | histogram_over_time(duration)'])
  })

  it('writes filters on intrinsic fields as TraceQL intrinsics', () => {
    expect(
      filterOf(
        { column: 'service.name', op: '=', value: 'api' },
        { column: 'name', op: '!=', value: 'GET /health' },
        { column: 'span.kind', op: '=', value: 'server' },
        { column: 'status_code', op: '=', value: 2 },
        { column: 'duration_ms', op: '>', value: 100 },
        { column: 'duration_ms', op: '<=', value: 2.5 },
        { column: 'error', op: '=', value: true },
        { column: 'trace.parent_id', op: 'does-not-exist' },
      ),
    ).toBe(
      '{ resource.service.name = "api" && name != "GET /health" && kind = server && status = error && duration > 100ms && duration <= 2500us && status = error && nestedSetParent < 0 }',
    )
  })

  it('writes attribute columns unscoped (span or resource), quoting keys TraceQL would split', () => {
    expect(filterOf({ column: 'http.route', op: '=', value: '/x' }, { column: 'http.status_code', op: '>=', value: 500 })).toBe(
      '{ .http.route = "/x" && .http.status_code >= 500 }',
    )
    expect(filterOf({ column: 'odd key(1)', op: '=', value: 'a"b' })).toBe('{ ."odd key(1)" = "a\\"b" }')
  })

  it('writes exists, does-not-exist, in, not-in and the text matches as TraceQL operators', () => {
    expect(filterOf({ column: 'user.id', op: 'exists' }, { column: 'session.id', op: 'does-not-exist' })).toBe('{ .user.id != nil && .session.id = nil }')
    expect(filterOf({ column: 'http.route', op: 'in', value: ['/a', '/b'] })).toBe('{ (.http.route = "/a" || .http.route = "/b") }')
    expect(filterOf({ column: 'span.kind', op: 'not-in', value: ['client', 'internal'] })).toBe('{ (kind != client && kind != internal) }')
    expect(filterOf({ column: 'name', op: 'contains', value: 'a.b(c)' })).toBe('{ name =~ ".*a\\\\.b\\\\(c\\\\).*" }')
    expect(filterOf({ column: 'name', op: 'does-not-start-with', value: 'GET' })).toBe('{ name !~ "GET.*" }')
  })

  it('joins filters with || when filter_combination is OR', () => {
    const { plan } = translate({
      filter_combination: 'OR',
      filters: [
        { column: 'error', op: 'exists' },
        { column: 'duration_ms', op: '>', value: 1000 },
      ],
    })
    expect(plan.filter).toBe('{ status = error || duration > 1000ms }')
  })

  it('names every clause Tempo cannot answer instead of dropping it', () => {
    const { problems } = translate({
      calculations: [{ op: 'COUNT' }, { op: 'COUNT_DISTINCT', column: 'user.id' }, { op: 'P95', column: 'status_code' }],
      filters: [
        { column: 'span.num_events', op: '>', value: 0 },
        { column: 'status_code', op: '>', value: 1 },
        { column: 'span.num_links', op: 'exists' },
      ],
      breakdowns: ['duration_ms', 'trace.parent_id'],
    })
    expect(problems.map((problem) => problem.clause)).toEqual([
      'filters[0]: span.num_events >',
      'filters[1]: status_code >',
      'filters[2]: span.num_links exists',
      'breakdowns[0]: duration_ms',
      'breakdowns[1]: trace.parent_id',
      'calculations[1]: COUNT_DISTINCT(user.id)',
      'calculations[2]: P95(status_code)',
    ])
    expect(problems[5]!.message).toBe('TraceQL metrics have no distinct count')
  })

  it('leaves to the store’s parser what the store refuses too: relational fields, CONCURRENCY, a percentile of text', () => {
    const refusal = (spec: Record<string, unknown>) => {
      try {
        translate(spec)
      } catch (error) {
        return error
      }
      return undefined
    }
    expect(refusal({ filters: [{ column: 'root.service.name', op: '=', value: 'x' }] })).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^filters\[0\]\.column: root\.service\.name is a Honeycomb relational field/),
    })
    expect(refusal({ calculations: [{ op: 'CONCURRENCY' }] })).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^calculations\[0\]\.op: CONCURRENCY is not supported/),
    })
    expect(refusal({ calculations: [{ op: 'P95', column: 'name' }] })).toMatchObject({
      code: 'bad_request',
      message: 'calculations[0]: P95 needs a numeric column; name is a string',
    })
  })

  it('says orders, havings and the limit are applied by the dashboard', () => {
    const { plan } = translate({
      calculations: [{ op: 'COUNT' }],
      orders: [{ op: 'COUNT', order: 'descending' }],
      havings: [{ calculate_op: 'COUNT', op: '>', value: 5 }],
    })
    expect(plan.appliedByDashboard.map((note) => note.clause)).toEqual(['havings', 'orders', 'limit'])
  })

  it('refuses a malformed spec with 400 naming the field, before anything is translated', () => {
    expect(() => parseHoneycombSpec({ calculations: [{ op: 'MEDIAN' }] }, NOW_MS)).toThrow(
      /^calculations\[0\]\.op: MEDIAN is not a calculation; use one of COUNT,/,
    )
    expect(() => parseHoneycombSpec({ calculations: [{ op: 'MEDIAN' }] }, NOW_MS)).toThrow(expect.objectContaining({ code: 'bad_request', httpStatus: 400 }))
    expect(() => parseHoneycombSpec({ filters: [{ column: 'x', op: 'like', value: 1 }] }, NOW_MS)).toThrow(/^filters\[0\]\.op: like is not a filter/)
    expect(() => parseHoneycombSpec({ time_range: 600, granularity: 0 }, NOW_MS)).toThrow(/granularity/)
    expect(() => parseHoneycombSpec({ orders: [{ op: 'P95', column: 'duration_ms' }] }, NOW_MS)).toThrow(
      /^orders\[0\]: orders by P95\(duration_ms\), which is not among the calculations$/,
    )
    expect(() => parseHoneycombSpec('x', NOW_MS)).toThrow(/must be a JSON object/)
  })
})
