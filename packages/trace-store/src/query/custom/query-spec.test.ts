import { describe, expect, it } from 'vitest'
import { parseQuerySpec, type QuerySpec } from './query-spec.js'
import { QuerySpecError } from './query-spec-error.js'

// 2026-01-15T12:00:00.456Z: not a whole second, so relative ranges show that they end at the whole second before it
const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0, 456)
const NOW_SEC = Math.floor(NOW_MS / 1000)
const HOUR_MS = 3_600_000

const intrinsic = (name: string) => ({ kind: 'intrinsic', name })
const attribute = (key: string) => ({ kind: 'attribute', key })

/** What every spec gets for the clauses it leaves out. */
const DEFAULTS: QuerySpec = {
  calculations: [{ op: 'COUNT' }],
  filters: [],
  filterCombination: 'AND',
  breakdowns: [],
  orders: [],
  havings: [],
  limit: 100,
  startMs: NOW_SEC * 1000 - 2 * HOUR_MS,
  endMs: NOW_SEC * 1000,
  relativeToNow: true,
  granularityMs: 60_000,
}

// Specs written in the shape of the examples in Honeycomb's Query Specification reference, with the store's fields.
const VALID_SPECS: { name: string; spec: unknown; expected: Partial<QuerySpec> }[] = [
  { name: 'an empty spec: COUNT over the last two hours', spec: {}, expected: {} },
  {
    name: 'P95 duration of one operation by an app attribute over the last hour',
    spec: {
      time_range: 3600,
      calculations: [{ op: 'P95', column: 'duration_ms' }],
      filters: [{ column: 'name', op: '=', value: 'GET /api/activities/home' }],
      breakdowns: ['app.result_length'],
    },
    expected: {
      calculations: [{ op: 'P95', column: intrinsic('duration_ms') }],
      filters: [{ op: '=', column: intrinsic('name'), value: 'GET /api/activities/home' }],
      breakdowns: [attribute('app.result_length')],
      startMs: NOW_SEC * 1000 - HOUR_MS,
      granularityMs: 30_000,
    } as Partial<QuerySpec>,
  },
  {
    name: 'the 10 routes with the most errored spans in an absolute range',
    spec: {
      calculations: [{ op: 'COUNT' }],
      filters: [{ column: 'error', op: '=', value: true }],
      breakdowns: ['http.route'],
      orders: [{ op: 'COUNT', order: 'descending' }],
      limit: 10,
      start_time: 1767225600,
      end_time: 1767229200,
    },
    expected: {
      filters: [{ op: '=', column: intrinsic('error'), value: true }],
      breakdowns: [attribute('http.route')],
      orders: [{ by: 'calculation', calculationIndex: 0, order: 'descending' }],
      limit: 10,
      startMs: 1767225600_000,
      endMs: 1767229200_000,
      relativeToNow: false,
      granularityMs: 30_000,
    } as Partial<QuerySpec>,
  },
  {
    name: 'a heatmap of browser fetch durations over an hour at one-minute buckets',
    spec: {
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }],
      filters: [
        { column: 'span.kind', op: '=', value: 'client' },
        { column: 'service.name', op: 'starts-with', value: 'demo-web' },
      ],
      time_range: 3600,
      granularity: 60,
    },
    expected: {
      calculations: [{ op: 'HEATMAP', column: intrinsic('duration_ms') }],
      filters: [
        { op: '=', column: intrinsic('span.kind'), value: 'client' },
        { op: 'starts-with', column: intrinsic('service.name'), value: 'demo-web' },
      ],
      startMs: NOW_SEC * 1000 - HOUR_MS,
      granularityMs: 60_000,
    } as Partial<QuerySpec>,
  },
  {
    name: 'the slowest root spans in the hour before an end time',
    spec: {
      end_time: 1767229200,
      time_range: 3600,
      breakdowns: ['trace.trace_id', 'service.name', 'name'],
      calculations: [{ op: 'MAX', column: 'duration_ms' }],
      filters: [{ column: 'trace.parent_id', op: 'does-not-exist' }],
      orders: [{ op: 'MAX', column: 'duration_ms', order: 'descending' }],
      limit: 100,
    },
    expected: {
      calculations: [{ op: 'MAX', column: intrinsic('duration_ms') }],
      filters: [{ op: 'does-not-exist', column: intrinsic('trace.parent_id') }],
      breakdowns: [intrinsic('trace.trace_id'), intrinsic('service.name'), intrinsic('name')],
      orders: [{ by: 'calculation', calculationIndex: 0, order: 'descending' }],
      startMs: 1767225600_000,
      endMs: 1767229200_000,
      relativeToNow: false,
      granularityMs: 30_000,
    } as Partial<QuerySpec>,
  },
  {
    name: 'OR filters whose values are coerced to intrinsic field types and kept as sent for attributes',
    spec: {
      filter_combination: 'OR',
      filters: [
        { column: 'status_code', op: '=', value: '2' },
        { column: 'name', op: '!=', value: 404 },
        { column: 'duration_ms', op: '>', value: '250.5' },
        { column: 'http.response.status_code', op: 'in', value: [500, '503'] },
        { column: 'span.kind', op: 'not-in', value: ['internal', 'producer'] },
        { column: 'error', op: '=', value: 'true' },
        { column: 'app.cache_hit', op: '!=', value: false },
        { column: 'url.path', op: 'does-not-contain', value: 404 },
        { column: 'app.result_length', op: '<=', value: 12 },
      ],
    },
    expected: {
      filterCombination: 'OR',
      filters: [
        { op: '=', column: intrinsic('status_code'), value: 2 },
        { op: '!=', column: intrinsic('name'), value: '404' },
        { op: '>', column: intrinsic('duration_ms'), value: 250.5 },
        { op: 'in', column: attribute('http.response.status_code'), values: [500, '503'] },
        { op: 'not-in', column: intrinsic('span.kind'), values: ['internal', 'producer'] },
        { op: '=', column: intrinsic('error'), value: true },
        { op: '!=', column: attribute('app.cache_hit'), value: false },
        { op: 'does-not-contain', column: attribute('url.path'), value: '404' },
        { op: '<=', column: attribute('app.result_length'), value: 12 },
      ],
    } as Partial<QuerySpec>,
  },
  {
    name: 'havings on two calculations, ordered by a breakdown ascending by default',
    spec: {
      calculations: [{ op: 'COUNT' }, { op: 'AVG', column: 'duration_ms' }, { op: 'COUNT_DISTINCT', column: 'trace.trace_id' }],
      breakdowns: ['service.name', 'http.route'],
      havings: [
        { calculate_op: 'COUNT', op: '>', value: 10 },
        { calculate_op: 'AVG', column: 'duration_ms', op: '>=', value: '100' },
      ],
      orders: [{ column: 'http.route' }, { op: 'COUNT_DISTINCT', column: 'trace.trace_id', order: 'descending' }],
    },
    expected: {
      calculations: [{ op: 'COUNT' }, { op: 'AVG', column: intrinsic('duration_ms') }, { op: 'COUNT_DISTINCT', column: intrinsic('trace.trace_id') }],
      breakdowns: [intrinsic('service.name'), attribute('http.route')],
      havings: [
        { calculationIndex: 0, op: '>', value: 10 },
        { calculationIndex: 1, op: '>=', value: 100 },
      ],
      orders: [
        { by: 'breakdown', breakdownIndex: 1, order: 'ascending' },
        { by: 'calculation', calculationIndex: 2, order: 'descending' },
      ],
    } as Partial<QuerySpec>,
  },
  {
    name: 'nulls, an empty calculated_fields and the id Honeycomb returns with a query, all read as left out',
    spec: { id: 'abc3419d', calculations: null, filters: null, breakdowns: null, limit: null, granularity: null, calculated_fields: [] },
    expected: {},
  },
  {
    name: 'a start time alone: the default two hours after it',
    spec: { start_time: 1767225600 },
    expected: { startMs: 1767225600_000, endMs: 1767225600_000 + 2 * HOUR_MS, relativeToNow: false },
  },
  {
    name: 'every percentile and rate calculation Honeycomb documents',
    spec: {
      calculations: ['P001', 'P01', 'P05', 'P10', 'P25', 'P50', 'P75', 'P90', 'P99', 'P999', 'SUM', 'MIN', 'RATE_AVG', 'RATE_SUM', 'RATE_MAX'].map((op) => ({
        op,
        column: 'app.bytes',
      })),
    },
    expected: {
      calculations: ['P001', 'P01', 'P05', 'P10', 'P25', 'P50', 'P75', 'P90', 'P99', 'P999', 'SUM', 'MIN', 'RATE_AVG', 'RATE_SUM', 'RATE_MAX'].map((op) => ({
        op,
        column: attribute('app.bytes'),
      })),
    } as Partial<QuerySpec>,
  },
]

describe('parseQuerySpec accepts Honeycomb query specifications', () => {
  it.each(VALID_SPECS)('$name', ({ spec, expected }) => {
    expect(parseQuerySpec(spec, NOW_MS)).toEqual({ ...DEFAULTS, ...expected })
  })
})

const CALCULATIONS = 'COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, P001, P01, P05, P10, P25, P50, P75, P90, P95, P99, P999, HEATMAP, RATE_AVG, RATE_SUM, RATE_MAX'
const FILTERS = '=, !=, >, >=, <, <=, exists, does-not-exist, contains, does-not-contain, starts-with, does-not-start-with, in, not-in'
const many = (count: number, make: (index: number) => unknown) => Array.from({ length: count }, (_, index) => make(index))

// Each spec sends one thing wrong; the message names the clause and the element.
const INVALID_SPECS: { name: string; spec: unknown; message: string }[] = [
  { name: 'a JSON array instead of an object', spec: [], message: 'the query must be a JSON object (a Honeycomb Query Specification)' },
  { name: 'null instead of an object', spec: null, message: 'the query must be a JSON object (a Honeycomb Query Specification)' },
  { name: 'a misspelt field', spec: { breakdown: ['service.name'] }, message: 'unknown field(s): breakdown' },
  {
    name: 'a calculated field',
    spec: { calculated_fields: [{ name: 'slow', expression: 'GT($duration_ms, 100)' }] },
    message: 'calculated_fields: calculated fields are not supported by this store',
  },
  { name: 'a formula', spec: { formulas: [{ name: 'ratio', expression: 'DIV($A, $B)' }] }, message: 'formulas: formulas are not supported by this store' },
  {
    name: 'several shape problems at once',
    spec: { breakdowns: 'service.name', time_range: '3600' },
    message: 'breakdowns: must be a list; time_range: must be a whole number of seconds from 1 to 9223372036',
  },
  {
    name: 'a calculation op that does not exist',
    spec: { calculations: [{ op: 'COUNT' }, { op: 'P42', column: 'duration_ms' }] },
    message: `calculations[1].op: P42 is not a calculation; use one of ${CALCULATIONS}`,
  },
  {
    name: 'CONCURRENCY, which this store does not answer',
    spec: { calculations: [{ op: 'CONCURRENCY' }] },
    message: `calculations[0].op: CONCURRENCY is not supported by this store; use one of ${CALCULATIONS}`,
  },
  { name: 'a calculation as a bare string', spec: { calculations: ['COUNT'] }, message: 'calculations[0]: must be an object' },
  { name: 'a calculation with a name', spec: { calculations: [{ op: 'COUNT', name: 'spans' }] }, message: 'calculations[0]: unknown field(s): name' },
  { name: 'a percentile without a column', spec: { calculations: [{ op: 'P95' }] }, message: 'calculations[0]: P95 needs a numeric column, e.g. duration_ms' },
  { name: 'COUNT_DISTINCT without a column', spec: { calculations: [{ op: 'COUNT_DISTINCT' }] }, message: 'calculations[0]: COUNT_DISTINCT needs a column' },
  { name: 'COUNT with a column', spec: { calculations: [{ op: 'COUNT', column: 'duration_ms' }] }, message: 'calculations[0]: COUNT takes no column' },
  {
    name: 'AVG of a text field',
    spec: { calculations: [{ op: 'AVG', column: 'name' }] },
    message: 'calculations[0]: AVG needs a numeric column; name is a string',
  },
  {
    name: 'a HEATMAP of the error flag',
    spec: { calculations: [{ op: 'HEATMAP', column: 'error' }] },
    message: 'calculations[0]: HEATMAP needs a numeric column; error is a boolean',
  },
  {
    name: 'the same calculation twice',
    spec: {
      calculations: [
        { op: 'P95', column: 'duration_ms' },
        { op: 'P95', column: 'duration_ms' },
      ],
    },
    message: 'calculations[1]: P95(duration_ms) is already among the calculations',
  },
  { name: 'an empty column name', spec: { calculations: [{ op: 'MAX', column: '' }] }, message: 'calculations[0].column: must be a column name' },
  {
    name: '21 calculations',
    spec: { calculations: many(21, (index) => ({ op: 'SUM', column: `app.n${index}` })) },
    message: 'calculations: at most 20 calculations',
  },
  {
    name: 'a filter op Honeycomb does not document',
    spec: { filters: [{ column: 'name', op: 'ends-with', value: 'x' }] },
    message: `filters[0].op: ends-with is not a filter; use one of ${FILTERS}`,
  },
  { name: 'a filter without a column', spec: { filters: [{ op: 'exists' }] }, message: 'filters[0].column: must be a column name' },
  {
    name: 'in with a single value',
    spec: { filters: [{ column: 'http.route', op: 'in', value: '/a' }] },
    message: 'filters[0].value: in needs a list of 1 to 1000 values',
  },
  {
    name: 'not-in with an empty list',
    spec: { filters: [{ column: 'http.route', op: 'not-in', value: [] }] },
    message: 'filters[0].value: not-in needs a list of 1 to 1000 values',
  },
  {
    name: 'in with an object in the list',
    spec: { filters: [{ column: 'http.route', op: 'in', value: ['/a', { path: '/b' }] }] },
    message: 'filters[0].value[1]: must be a string, a number or a boolean',
  },
  { name: 'exists with a value', spec: { filters: [{ column: 'http.route', op: 'exists', value: '/a' }] }, message: 'filters[0].value: exists takes no value' },
  {
    name: '= with an object value',
    spec: { filters: [{ column: 'app.user', op: '=', value: { id: 1 } }] },
    message: 'filters[0].value: must be a string, a number or a boolean',
  },
  { name: '= without a value', spec: { filters: [{ column: 'app.user', op: '=' }] }, message: 'filters[0].value: must be a string, a number or a boolean' },
  { name: '> on a text field', spec: { filters: [{ column: 'name', op: '>', value: 3 }] }, message: 'filters[0]: > compares numbers; name is not a number' },
  { name: '> with a word', spec: { filters: [{ column: 'app.size', op: '>', value: 'big' }] }, message: 'filters[0].value: > needs a number, not "big"' },
  {
    name: 'contains on a number field',
    spec: { filters: [{ column: 'duration_ms', op: 'contains', value: '5' }] },
    message: 'filters[0]: contains matches text; duration_ms is not a text field',
  },
  {
    name: 'starts-with a boolean',
    spec: { filters: [{ column: 'url.path', op: 'starts-with', value: true }] },
    message: 'filters[0].value: starts-with needs a string',
  },
  {
    name: 'status_code compared with a word',
    spec: { filters: [{ column: 'status_code', op: '=', value: 'error' }] },
    message: 'filters[0].value: status_code is a number; "error" is not',
  },
  {
    name: 'span.kind in the OTLP enum spelling',
    spec: { filters: [{ column: 'span.kind', op: '=', value: 'SPAN_KIND_SERVER' }] },
    message: 'filters[0].value: span.kind is one of unspecified, internal, server, client, producer, consumer; "SPAN_KIND_SERVER" is not',
  },
  {
    name: 'error compared with yes',
    spec: { filters: [{ column: 'error', op: '=', value: 'yes' }] },
    message: 'filters[0].value: error is true or false; "yes" is neither',
  },
  {
    name: 'a relational field',
    spec: { filters: [{ column: 'root.service.name', op: '=', value: 'demo-web' }] },
    message: 'filters[0].column: root.service.name is a Honeycomb relational field (root., parent., any., none.), which this store does not answer',
  },
  {
    name: 'a text value of more than 1024 characters',
    spec: { filters: [{ column: 'url.full', op: 'contains', value: 'x'.repeat(1025) }] },
    message: 'filters[0].value: must be at most 1024 characters',
  },
  { name: 'XOR filters', spec: { filter_combination: 'XOR' }, message: 'filter_combination: must be AND or OR' },
  { name: 'six breakdowns', spec: { breakdowns: many(6, (index) => `app.k${index}`) }, message: 'breakdowns: at most 5 columns' },
  { name: 'the same breakdown twice', spec: { breakdowns: ['service.name', 'service.name'] }, message: 'breakdowns[1]: service.name is already a breakdown' },
  { name: 'a breakdown that is a number', spec: { breakdowns: [42] }, message: 'breakdowns[0]: must be a column name' },
  {
    name: 'a relational breakdown',
    spec: { breakdowns: ['parent.name'] },
    message: 'breakdowns[0]: parent.name is a Honeycomb relational field (root., parent., any., none.), which this store does not answer',
  },
  {
    name: 'an order by a calculation not asked for',
    spec: { calculations: [{ op: 'P95', column: 'duration_ms' }], orders: [{ op: 'COUNT' }] },
    message: 'orders[0]: orders by COUNT, which is not among the calculations',
  },
  {
    name: 'an order by a column not broken down by',
    spec: { breakdowns: ['service.name'], orders: [{ column: 'http.route' }] },
    message: 'orders[0]: orders by http.route, which is not among the breakdowns',
  },
  { name: 'an order by neither', spec: { orders: [{ order: 'descending' }] }, message: 'orders[0]: needs an op (a calculation) or a column (a breakdown)' },
  { name: 'an order spelt desc', spec: { orders: [{ op: 'COUNT', order: 'desc' }] }, message: 'orders[0].order: must be ascending or descending' },
  { name: 'an order by an unknown op', spec: { orders: [{ op: 'TOTAL' }] }, message: `orders[0].op: TOTAL is not a calculation; use one of ${CALCULATIONS}` },
  {
    name: 'an order by a heatmap',
    spec: { calculations: [{ op: 'HEATMAP', column: 'duration_ms' }], orders: [{ op: 'HEATMAP', column: 'duration_ms' }] },
    message: 'orders[0]: a HEATMAP cannot order groups; order by another calculation',
  },
  {
    name: 'a having on a heatmap',
    spec: { havings: [{ calculate_op: 'HEATMAP', column: 'duration_ms', op: '>', value: 1 }] },
    message: 'havings[0].calculate_op: a HEATMAP cannot filter groups',
  },
  {
    name: 'a having on a calculation not asked for',
    spec: { havings: [{ calculate_op: 'P99', column: 'duration_ms', op: '>', value: 500 }] },
    message: 'havings[0]: filters on P99(duration_ms), which is not among the calculations',
  },
  {
    name: 'a having with a filter op',
    spec: { havings: [{ calculate_op: 'COUNT', op: 'contains', value: 1 }] },
    message: 'havings[0].op: contains is not a having op; use one of =, !=, >, >=, <, <=',
  },
  {
    name: 'a having with a word for a value',
    spec: { havings: [{ calculate_op: 'COUNT', op: '>', value: 'many' }] },
    message: 'havings[0].value: must be a number',
  },
  { name: 'a limit above 1000', spec: { limit: 1001 }, message: 'limit: must be a whole number from 1 to 1000' },
  { name: 'a limit of 0', spec: { limit: 0 }, message: 'limit: must be a whole number from 1 to 1000' },
  { name: 'a fractional limit', spec: { limit: 2.5 }, message: 'limit: must be a whole number from 1 to 1000' },
  { name: 'a time_range of 0', spec: { time_range: 0 }, message: 'time_range: must be a whole number of seconds from 1 to 9223372036' },
  { name: 'a negative time_range', spec: { time_range: -3600 }, message: 'time_range: must be a whole number of seconds from 1 to 9223372036' },
  { name: 'a start_time in milliseconds', spec: { start_time: 1767225600_000 }, message: 'start_time: must be whole unix seconds from 0 to 9223372035' },
  { name: 'an end_time of 0', spec: { end_time: 0 }, message: 'end_time: must be whole unix seconds from 1 to 9223372036' },
  {
    name: 'start_time, end_time and time_range together',
    spec: { start_time: 1767225600, end_time: 1767229200, time_range: 3600 },
    message: 'time_range: cannot be combined with both start_time and end_time',
  },
  { name: 'a start_time after the end_time', spec: { start_time: 1767229200, end_time: 1767225600 }, message: 'start_time: must be before end_time' },
  {
    name: 'a granularity that makes more than 1000 buckets',
    spec: { time_range: 3600, granularity: 1 },
    message: 'granularity: must be a whole number of seconds from 4 to 3600: a 3600 s time range has from 1 to 1000 buckets',
  },
  {
    name: 'a granularity longer than the range',
    spec: { time_range: 600, granularity: 601 },
    message: 'granularity: must be a whole number of seconds from 1 to 600: a 600 s time range has from 1 to 1000 buckets',
  },
  {
    name: 'a granularity in a string',
    spec: { time_range: 600, granularity: '60' },
    message: 'granularity: must be a whole number of seconds from 1 to 600: a 600 s time range has from 1 to 1000 buckets',
  },
]

describe('parseQuerySpec refuses what it cannot answer, naming the clause', () => {
  it.each(INVALID_SPECS)('$name', ({ spec, message }) => {
    let thrown: unknown
    try {
      parseQuerySpec(spec, NOW_MS)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(QuerySpecError)
    expect((thrown as Error).message).toBe(message)
  })
})
