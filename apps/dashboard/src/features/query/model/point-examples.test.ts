import { describe, expect, it } from 'vitest'
import { pointExamplesSpec } from './point-examples'

const lookup = { group: { 'service.name': 'api', 'http.route': null }, startSec: 1_700_000_040, endSec: 1_700_000_100 }

describe("a series point's examples", () => {
  it("are asked for with the query's filters, the group's values and the point's bucket", () => {
    const spec = pointExamplesSpec(
      {
        calculations: [{ op: 'P95', column: 'duration_ms' }],
        filters: [{ column: 'error', op: '=', value: true }],
        breakdowns: ['service.name', 'http.route'],
        start_time: 1,
        end_time: 2,
      },
      lookup,
    )
    expect(spec).toEqual({
      calculations: [{ op: 'COUNT' }],
      filters: [
        { column: 'error', op: '=', value: true },
        { column: 'service.name', op: '=', value: 'api' },
        // a group of spans without the field
        { column: 'http.route', op: 'does-not-exist' },
      ],
      filter_combination: 'AND',
      limit: 1,
      start_time: 1_700_000_040,
      end_time: 1_700_000_100,
    })
  })

  it('cannot be narrowed when the filters are OR-ed', () => {
    const filters = [
      { column: 'error', op: '=', value: true },
      { column: 'duration_ms', op: '>', value: 100 },
    ]
    expect(pointExamplesSpec({ calculations: [{ op: 'COUNT' }], filters, filter_combination: 'OR' }, lookup)).toBeUndefined()
    // one OR-ed filter is the same as one AND-ed
    expect(pointExamplesSpec({ calculations: [{ op: 'COUNT' }], filters: filters.slice(0, 1), filter_combination: 'OR' }, lookup)?.filters).toHaveLength(3)
  })
})
