import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuerySpec } from './query-spec.js'
import { QuerySpecError } from './query-spec-error.js'
import { specToJson } from './spec-to-json.js'

const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0, 456)

describe('specToJson', () => {
  it('writes every clause and default in Honeycomb JSON', () => {
    const spec = parseQuerySpec(
      {
        calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }],
        filters: [
          { column: 'trace.parent_id', op: 'does-not-exist' },
          { column: 'status_code', op: 'in', value: ['2'] },
        ],
        breakdowns: ['service.name'],
        orders: [{ op: 'P95', column: 'duration_ms', order: 'descending' }, { column: 'service.name' }],
        havings: [{ calculate_op: 'COUNT', op: '>', value: 5 }],
        time_range: 3600,
      },
      NOW_MS,
    )
    expect(specToJson(spec)).toEqual({
      calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }],
      filters: [
        { column: 'trace.parent_id', op: 'does-not-exist' },
        { column: 'status_code', op: 'in', value: [2] },
      ],
      filter_combination: 'AND',
      breakdowns: ['service.name'],
      orders: [
        { op: 'P95', column: 'duration_ms', order: 'descending' },
        { column: 'service.name', order: 'ascending' },
      ],
      havings: [{ calculate_op: 'COUNT', op: '>', value: 5 }],
      limit: 100,
      time_range: 3600,
      granularity: 30,
    })
  })

  it('writes an absolute range as start_time and end_time', () => {
    const json = specToJson(parseQuerySpec({ end_time: 1767229200, time_range: 600 }, NOW_MS))
    expect(json).toMatchObject({ start_time: 1767228600, end_time: 1767229200 })
    expect(json).not.toHaveProperty('time_range')
  })
})

// Specs drawn mostly from valid parts, with some wrong ones mixed in, so both outcomes are common.
const column = fc.constantFrom(
  'duration_ms',
  'name',
  'service.name',
  'span.kind',
  'status_code',
  'error',
  'trace.parent_id',
  'http.route',
  'app.n',
  'root.name',
)
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom('server', '2', 'true', '1.5'),
)
const anyCalculation = fc.record(
  { op: fc.constantFrom('COUNT', 'COUNT_DISTINCT', 'AVG', 'P95', 'HEATMAP', 'RATE_SUM', 'MAX', 'CONCURRENCY'), column },
  { requiredKeys: ['op'] },
)
const calculation = fc.oneof(
  fc.constant({ op: 'COUNT' }),
  fc.record({ op: fc.constantFrom('AVG', 'P95', 'HEATMAP', 'RATE_SUM', 'MAX', 'COUNT_DISTINCT'), column: fc.constantFrom('duration_ms', 'app.n') }),
  anyCalculation,
)
const anyFilter = fc.record(
  {
    column,
    op: fc.constantFrom('=', '!=', '>', '<=', 'exists', 'does-not-exist', 'contains', 'starts-with', 'in', 'not-in'),
    value: fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 3 })),
  },
  { requiredKeys: ['column', 'op'] },
)
const attributeColumn = fc.constantFrom('http.route', 'app.n')
const filter = fc.oneof(
  fc.record({ column, op: fc.constantFrom('exists', 'does-not-exist') }),
  fc.record({ column: attributeColumn, op: fc.constantFrom('=', '!='), value: scalar }),
  fc.record({ column: attributeColumn, op: fc.constantFrom('in', 'not-in'), value: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  anyFilter,
)
const order = fc.record({ op: fc.constantFrom('COUNT', 'AVG', 'P95', 'MAX'), column, order: fc.constantFrom('ascending', 'descending') }, { requiredKeys: [] })
const having = fc.record(
  { calculate_op: fc.constantFrom('COUNT', 'AVG', 'P95'), column, op: fc.constantFrom('>', '<=', '!='), value: fc.integer({ min: 0, max: 1000 }) },
  { requiredKeys: ['calculate_op', 'op', 'value'] },
)
const honeycombSpec = fc.record(
  {
    calculations: fc.array(calculation, { maxLength: 2 }),
    filters: fc.array(filter, { maxLength: 2 }),
    filter_combination: fc.constantFrom('AND', 'OR'),
    breakdowns: fc.uniqueArray(column, { maxLength: 3 }),
    orders: fc.array(order, { maxLength: 1 }),
    havings: fc.array(having, { maxLength: 1 }),
    limit: fc.integer({ min: 1, max: 1000 }),
    time_range: fc.oneof(fc.constantFrom(600, 3600, 86_400), fc.integer({ min: 1, max: 30 * 86_400 })),
    start_time: fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }),
    granularity: fc.constantFrom(1, 60, 300, 3600),
  },
  { requiredKeys: [] },
)

describe('specToJson and parseQuerySpec', () => {
  it('parse what specToJson writes to the same spec', () => {
    let accepted = 0
    fc.assert(
      fc.property(honeycombSpec, (json) => {
        let spec
        try {
          spec = parseQuerySpec(json, NOW_MS)
        } catch (error) {
          if (error instanceof QuerySpecError) return
          throw error
        }
        accepted++
        const written = JSON.parse(JSON.stringify(specToJson(spec))) as unknown
        expect(parseQuerySpec(written, NOW_MS)).toEqual(spec)
      }),
      { numRuns: 1000 },
    )
    // the property says little unless many generated specs are valid
    expect(accepted).toBeGreaterThan(50)
  })

  it('refuse any JSON that is not a valid spec with a QuerySpecError, never another error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          honeycombSpec.map((spec) => ({ ...spec, junk: undefined })),
        ),
        (json) => {
          try {
            parseQuerySpec(json, NOW_MS)
          } catch (error) {
            expect(error).toBeInstanceOf(QuerySpecError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
