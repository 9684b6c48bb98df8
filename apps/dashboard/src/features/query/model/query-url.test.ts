import { describe, expect, it } from 'vitest'
import { draftToSpec, specToDraft } from './query-draft'
import { DEFAULT_QUERY, type QuerySpec } from './query-spec'
import { compactSpecJson, decodeQuery, encodeQuery, queryHref } from './query-url'

const fullSpec: QuerySpec = {
  calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }, { op: 'HEATMAP', column: 'duration_ms' }],
  filters: [
    { column: 'service.name', op: '=', value: 'api' },
    { column: 'http.status_code', op: 'in', value: [500, 503, '5xx, maybe'] },
    { column: 'trace.parent_id', op: 'does-not-exist' },
    { column: 'error', op: '=', value: true },
  ],
  filter_combination: 'OR',
  breakdowns: ['service.name', 'name'],
  orders: [
    { op: 'P95', column: 'duration_ms', order: 'descending' },
    { column: 'name', order: 'ascending' },
  ],
  havings: [{ calculate_op: 'COUNT', op: '>', value: 10 }],
  limit: 20,
  time_range: 900,
  granularity: 30,
}

const viaUrl = (spec: QuerySpec) => decodeQuery(new URLSearchParams(encodeQuery(spec).toString()))

describe('query URL state', () => {
  it('gives back every clause of a spec sent through the URL', () => {
    expect(viaUrl(fullSpec)).toEqual({ spec: fullSpec, dropped: [] })
  })

  it('gives back an absolute range as start and end times', () => {
    const spec: QuerySpec = { calculations: [{ op: 'COUNT' }], start_time: 1_700_000_000, end_time: 1_700_003_600 }
    expect(viaUrl(spec).spec).toEqual(spec)
  })

  it('keeps untrusted text exactly, markup and unicode included', () => {
    const value = '<img src=x onerror="alert(1)"> & ünïcode "quoted"'
    const spec: QuerySpec = { calculations: [{ op: 'COUNT' }], filters: [{ column: 'app.note', op: 'contains', value }], time_range: 3600 }
    expect(viaUrl(spec).spec.filters).toEqual([{ column: 'app.note', op: 'contains', value }])
  })

  it('opens the default query when the URL has none', () => {
    expect(decodeQuery(new URLSearchParams())).toEqual({ spec: DEFAULT_QUERY, dropped: [] })
  })

  it('opens the default query and says so when the query is not JSON', () => {
    const decoded = decodeQuery(new URLSearchParams({ q: '{"calculations":[' }))
    expect(decoded.spec).toEqual(DEFAULT_QUERY)
    expect(decoded.dropped).toEqual(['the whole query (not JSON)'])
  })

  it('drops the parts of a hand-edited query it cannot read and names them', () => {
    const decoded = decodeQuery(
      new URLSearchParams({ q: JSON.stringify({ calculations: [{ op: 'COUNT' }, 7], breakdowns: 'name', limit: -1, time_range: 60 }) }),
    )
    expect(decoded.spec).toEqual({ calculations: [{ op: 'COUNT' }], time_range: 60 })
    expect(decoded.dropped).toEqual(['calculations[1]', 'breakdowns', 'limit'])
  })

  it('writes defaults and empty clauses out of the link', () => {
    expect(compactSpecJson({ calculations: [{ op: 'COUNT' }], filters: [], filter_combination: 'AND', breakdowns: [], time_range: 3600 })).toBe(
      '{"calculations":[{"op":"COUNT"}],"time_range":3600}',
    )
  })

  it('links to the Query page with the spec in q', () => {
    const href = queryHref({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
    expect(href.startsWith('/query?q=')).toBe(true)
    expect(decodeQuery(new URL(href, 'http://x').searchParams).spec).toEqual({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
  })
})

describe('the builder rows', () => {
  it('make the same spec they were made from', () => {
    expect(draftToSpec(specToDraft(fullSpec))).toEqual(fullSpec)
  })

  it('keep text that looks like a number or a boolean as text, by quoting it', () => {
    const spec: QuerySpec = {
      calculations: [{ op: 'COUNT' }],
      filters: [
        { column: 'http.route', op: '=', value: '404' },
        { column: 'flag', op: '=', value: 'true' },
        { column: 'code', op: '=', value: 404 },
        { column: 'name', op: 'in', value: ['a, b', 'c'] },
      ],
      time_range: 3600,
    }
    const draft = specToDraft(spec)
    expect(draft.filters.map((filter) => filter.value)).toEqual(['"404"', '"true"', '404', '"a, b", c'])
    expect(draftToSpec(draft)).toEqual(spec)
  })

  it('leave rows without a column out', () => {
    const draft = specToDraft({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
    draft.filters.push({ column: '', op: '=', value: 'x' })
    draft.breakdowns.push('  ')
    expect(draftToSpec(draft)).toEqual({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
  })

  it('send what cannot be a number as typed, for the server to name it', () => {
    const draft = specToDraft({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
    draft.limit = 'ten'
    expect(draftToSpec(draft).limit).toBeNaN()
  })

  it('make a custom range from start and end seconds', () => {
    const draft = specToDraft({ calculations: [{ op: 'COUNT' }], time_range: 3600 })
    draft.rangeSec = null
    draft.startSec = '1700000000'
    draft.endSec = '1700000900'
    expect(draftToSpec(draft)).toEqual({ calculations: [{ op: 'COUNT' }], start_time: 1_700_000_000, end_time: 1_700_000_900 })
  })
})
