import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fieldOf,
  groupBy,
  makeCorpus,
  nearestRank,
  numbers,
  referenceCompare,
  select,
  type Corpus,
  type RefSpan,
  type RefValue,
} from '../../test-support/query-corpus.js'
import type { CompareResult } from '../query/custom/compare-query.js'
import { postJson, readJson, startTestStore } from '../../test-support/test-store.js'
import type { QueryResult } from '../query/custom/run-query.js'

// POST /api/query over a seeded corpus sent through the OTLP receiver: every answer is compared with the one the
// reference (test-support/query-corpus.ts, plain JavaScript over the same spans) gives.

type Store = Awaited<ReturnType<typeof startTestStore>>

const TRACE_COUNT = 600
let store: Store
let corpus: Corpus

async function query(spec: Record<string, unknown>): Promise<QueryResult> {
  const response = await postJson(`${store.url}/api/query`, spec)
  const body = await readJson<QueryResult & { message?: string }>(response)
  if (response.status !== 200) throw new Error(`${response.status}: ${body.message}`)
  return body
}

/** The whole corpus range, so relative times play no part. */
const range = () => ({ start_time: corpus.startSec, end_time: corpus.endSec })

/** The series holds only the groups of the totals, and each group's points add up to its COUNT. */
function expectSeriesToAddUp(result: QueryResult, breakdowns: string[]): void {
  const keyOf = (data: Record<string, unknown>) => JSON.stringify(breakdowns.map((column) => data[column] ?? null))
  const summed = new Map<string, number>()
  for (const point of result.data.series) summed.set(keyOf(point.data), (summed.get(keyOf(point.data)) ?? 0) + Number(point.data.COUNT))
  expect(summed).toEqual(new Map(result.data.results.map((row) => [keyOf(row.data), Number(row.data.COUNT)])))
}

/** Ascending text order with a group that lacks the field last, as the store orders groups. */
function nullsLast(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0
  if (a === null || a === undefined) return 1
  if (b === null || b === undefined) return -1
  return a < b ? -1 : 1
}

beforeAll(async () => {
  store = await startTestStore()
  corpus = makeCorpus(TRACE_COUNT, Math.floor(Date.now() / 1000 / 60) * 60)
  for (const request of corpus.requests) expect((await postJson(`${store.url}/v1/traces`, request)).status).toBe(200)
})

afterAll(async () => {
  await store.close()
})

describe('POST /api/query answers exactly what the reference computes from the seeded spans', () => {
  it('COUNT over all spans, and again after every batch is sent a second time (exporter retries are counted once)', async () => {
    const count = async () => (await query({ ...range(), calculations: [{ op: 'COUNT' }] })).data.results[0]!.data.COUNT
    expect(await count()).toBe(corpus.spans.length)
    for (const request of corpus.requests.slice(0, 5)) expect((await postJson(`${store.url}/v1/traces`, request)).status).toBe(200)
    expect(await count()).toBe(corpus.spans.length)
  })

  it('P95(duration_ms) and COUNT of one operation by app.result_length', async () => {
    const result = await query({
      ...range(),
      calculations: [{ op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
      filters: [
        { column: 'service.name', op: '=', value: 'api' },
        { column: 'name', op: '=', value: 'GET /api/activities/home' },
      ],
      breakdowns: ['app.result_length'],
      orders: [{ column: 'app.result_length', order: 'ascending' }],
    })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec, (span) => span.service === 'api' && span.name === 'GET /api/activities/home')
    const expected = [...groupBy(spans, ['app.result_length'])]
      .map(([groupKey, group]) => ({
        'app.result_length': JSON.parse(groupKey)[0] as number,
        'P95(duration_ms)': nearestRank(numbers(group, 'duration_ms'), 0.95),
        COUNT: group.length,
      }))
      .sort((a, b) => a['app.result_length'] - b['app.result_length'])
    expect(expected.length).toBeGreaterThan(3)
    expect(result.data.results.map((row) => row.data)).toEqual(expected)
  })

  it('COUNT of errored spans by http.route, largest first (the default order)', async () => {
    const result = await query({ ...range(), filters: [{ column: 'error', op: '=', value: true }], breakdowns: ['http.route'] })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec, (span) => span.statusCode === 2)
    const expected = [...groupBy(spans, ['http.route'])]
      .map(([groupKey, group]) => ({ 'http.route': JSON.parse(groupKey)[0] as string | null, COUNT: group.length }))
      .sort((a, b) => b.COUNT - a.COUNT || nullsLast(a['http.route'], b['http.route']))
    expect(result.data.results.map((row) => row.data)).toEqual(expected)
    // every row's example traces hold a span of that group, distinct, the first that of its slowest span
    for (const row of result.data.results) {
      const group = spans.filter((span) => (fieldOf(span, 'http.route') ?? null) === row.data['http.route'])
      expect(row.exampleTraceIds.length).toBe(Math.min(3, new Set(group.map((span) => span.traceId)).size))
      expect(new Set(row.exampleTraceIds).size).toBe(row.exampleTraceIds.length)
      for (const traceId of row.exampleTraceIds) expect(group.some((span) => span.traceId === traceId)).toBe(true)
      const slowestMs = Math.max(...group.map((span) => span.durationMs))
      expect(group.some((span) => span.traceId === row.exampleTraceIds[0] && span.durationMs === slowestMs)).toBe(true)
    }
  })

  it('a 3-field GROUP BY with P95 and COUNT, ordered by COUNT, limited', async () => {
    const result = await query({
      ...range(),
      calculations: [{ op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
      breakdowns: ['service.name', 'name', 'http.route'],
      orders: [{ op: 'COUNT', order: 'descending' }, { column: 'name' }],
      limit: 5,
    })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec)
    const all = [...groupBy(spans, ['service.name', 'name', 'http.route'])].map(([groupKey, group]) => {
      const [service, name, route] = JSON.parse(groupKey) as (string | null)[]
      return { 'service.name': service, name, 'http.route': route, 'P95(duration_ms)': nearestRank(numbers(group, 'duration_ms'), 0.95), COUNT: group.length }
    })
    all.sort(
      (a, b) =>
        b.COUNT - a.COUNT || nullsLast(a.name, b.name) || nullsLast(a['service.name'], b['service.name']) || nullsLast(a['http.route'], b['http.route']),
    )
    expect(result.data.results.map((row) => row.data)).toEqual(all.slice(0, 5))
    expectSeriesToAddUp(result, ['service.name', 'name', 'http.route'])
  })

  it('a HEATMAP over one hour at 1-minute granularity: every cell counts the spans of its minute and value range', async () => {
    const result = await query({
      ...range(),
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }],
      filters: [{ column: 'service.name', op: '=', value: 'web' }],
      granularity: 60,
    })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec, (span) => span.service === 'web')
    const heatmap = result.data.heatmaps[0]!
    const durations = numbers(spans, 'duration_ms')
    expect(heatmap.minValue).toBe(Math.min(...durations))
    expect(heatmap.maxValue).toBe(Math.max(...durations))
    expect(heatmap.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(spans.length)
    for (const cell of heatmap.cells) {
      const fromMs = Date.parse(cell.time)
      const last = cell.upperBound === heatmap.maxValue
      const inCell = spans.filter(
        (span) =>
          span.startMs >= fromMs &&
          span.startMs < fromMs + 60_000 &&
          span.durationMs >= cell.lowerBound - 1e-9 &&
          (last ? span.durationMs <= cell.upperBound : span.durationMs < cell.upperBound - 1e-9),
      )
      expect(cell.count).toBe(inCell.length)
      for (const traceId of cell.exampleTraceIds) expect(inCell.some((span) => span.traceId === traceId)).toBe(true)
    }
  })

  it('COUNT by service at 1-minute granularity: the series sums to the totals, bucket by bucket', async () => {
    const result = await query({ ...range(), breakdowns: ['service.name'], granularity: 60 })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec)
    const expected = new Map<string, number>()
    for (const span of spans) {
      const bucketMs = corpus.startSec * 1000 + Math.floor((span.startMs - corpus.startSec * 1000) / 60_000) * 60_000
      const bucketKey = `${span.service} ${new Date(bucketMs).toISOString()}`
      expected.set(bucketKey, (expected.get(bucketKey) ?? 0) + 1)
    }
    const actual = new Map(result.data.series.map((point) => [`${String(point.data['service.name'])} ${point.time}`, point.data.COUNT]))
    expect(actual).toEqual(expected)
  })

  it('RATE_SUM in the series: the change from the bucket before per second, none at a group’s first bucket or after a gap', async () => {
    const granularitySec = 60
    const result = await query({
      ...range(),
      calculations: [{ op: 'RATE_SUM', column: 'duration_ms' }, { op: 'COUNT' }],
      breakdowns: ['service.name'],
      granularity: granularitySec,
    })
    const sums = new Map<string, Map<number, number>>()
    for (const span of select(corpus.spans, corpus.startSec, corpus.endSec)) {
      const bucket = Math.floor((span.startMs - corpus.startSec * 1000) / (granularitySec * 1000))
      const buckets = sums.get(span.service) ?? new Map<number, number>()
      sums.set(span.service, buckets.set(bucket, (buckets.get(bucket) ?? 0) + span.durationMs))
    }
    const expected: [string, string, number | null][] = []
    for (const [service, buckets] of sums) {
      for (const [bucket, sum] of buckets) {
        const before = buckets.get(bucket - 1)
        const time = new Date((corpus.startSec + bucket * granularitySec) * 1000).toISOString()
        expected.push([service, time, before === undefined ? null : (sum - before) / granularitySec])
      }
    }
    const actual = result.data.series.map(
      (point) => [String(point.data['service.name']), point.time, point.data['RATE_SUM(duration_ms)'] as number | null] as const,
    )
    const sortKey = ([service, time]: readonly [string, string, unknown]) => `${service} ${time}`
    const sorted = <T extends readonly [string, string, number | null]>(rows: T[]) => [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
    const actualSorted = sorted(actual)
    const expectedSorted = sorted(expected)
    expect(actualSorted.map(([service, time]) => [service, time])).toEqual(expectedSorted.map(([service, time]) => [service, time]))
    actualSorted.forEach(([, , rate], index) => {
      const wanted = expectedSorted[index]![2]
      if (wanted === null) expect(rate).toBeNull()
      else expect(rate).toBeCloseTo(wanted, 6)
    })
    // the totals have no rate: it is a change between buckets
    expect(result.data.results.every((row) => row.data['RATE_SUM(duration_ms)'] === null)).toBe(true)
  })

  it('with LIMIT cutting the groups, the series holds the kept groups, in the totals’ order, each by time', async () => {
    const result = await query({ ...range(), breakdowns: ['app.region'], orders: [{ op: 'COUNT', order: 'ascending' }], limit: 2 })
    const kept = result.data.results.map((row) => row.data['app.region'])
    expect(kept).toHaveLength(2)
    const order = result.data.series.map((point) => point.data['app.region'])
    // every point of the first kept group before every point of the second
    expect(order).toEqual([...order.filter((value) => value === kept[0]), ...order.filter((value) => value === kept[1])])
    for (const group of kept) {
      const times = result.data.series.filter((point) => point.data['app.region'] === group).map((point) => point.time)
      expect(times).toEqual([...times].sort())
    }
    expectSeriesToAddUp(result, ['app.region'])
  })

  it('SUM, AVG, MIN, MAX, COUNT_DISTINCT and percentiles of a double attribute', async () => {
    const result = await query({
      ...range(),
      calculations: [
        { op: 'SUM', column: 'app.ratio' },
        { op: 'AVG', column: 'app.ratio' },
        { op: 'MIN', column: 'app.ratio' },
        { op: 'MAX', column: 'app.ratio' },
        { op: 'P50', column: 'app.ratio' },
        { op: 'P999', column: 'app.ratio' },
        { op: 'COUNT_DISTINCT', column: 'app.region' },
        { op: 'COUNT_DISTINCT', column: 'trace.trace_id' },
      ],
    })
    const spans = select(corpus.spans, corpus.startSec, corpus.endSec)
    const ratios = numbers(spans, 'app.ratio')
    const data = result.data.results[0]!.data
    const sum = ratios.reduce((total, value) => total + value, 0)
    expect(data['SUM(app.ratio)']).toBeCloseTo(sum, 9)
    expect(data['AVG(app.ratio)']).toBeCloseTo(sum / ratios.length, 12)
    expect(data['MIN(app.ratio)']).toBe(Math.min(...ratios))
    expect(data['MAX(app.ratio)']).toBe(Math.max(...ratios))
    expect(data['P50(app.ratio)']).toBe(nearestRank(ratios, 0.5))
    expect(data['P999(app.ratio)']).toBe(nearestRank(ratios, 0.999))
    expect(data['COUNT_DISTINCT(app.region)']).toBe(new Set(spans.map((span) => fieldOf(span, 'app.region')).filter((value) => value !== undefined)).size)
    expect(data['COUNT_DISTINCT(trace.trace_id)']).toBe(TRACE_COUNT)
  })

  it('HAVING keeps the groups whose calculation passes', async () => {
    const result = await query({ ...range(), breakdowns: ['name'], havings: [{ calculate_op: 'COUNT', op: '>', value: 300 }] })
    const expected = [...groupBy(select(corpus.spans, corpus.startSec, corpus.endSec), ['name'])].filter(([, group]) => group.length > 300)
    expect(result.data.results.map((row) => row.data.name).sort()).toEqual(expected.map(([groupKey]) => JSON.parse(groupKey)[0] as string).sort())
    expect(result.data.results.every((row) => Number(row.data.COUNT) > 300)).toBe(true)
    expectSeriesToAddUp(result, ['name'])
  })

  const filterCases: { name: string; filters: unknown[]; combination?: 'OR'; where: (span: RefSpan) => boolean }[] = [
    {
      name: 'root spans (trace.parent_id does-not-exist)',
      filters: [{ column: 'trace.parent_id', op: 'does-not-exist' }],
      where: (span) => span.parentId === null,
    },
    { name: 'a resource attribute', filters: [{ column: 'deployment.environment', op: '=', value: 'staging' }], where: (span) => span.service === 'db' },
    { name: 'exists', filters: [{ column: 'app.region', op: 'exists' }], where: (span) => span.attributes.has('app.region') },
    {
      name: '!= (spans without the key included)',
      filters: [{ column: 'app.region', op: '!=', value: 'eu-west' }],
      where: (span) => span.attributes.get('app.region') !== 'eu-west',
    },
    { name: '> on a number', filters: [{ column: 'db.rows', op: '>', value: 50 }], where: (span) => Number(span.attributes.get('db.rows') ?? -1) > 50 },
    { name: '<= on duration_ms', filters: [{ column: 'duration_ms', op: '<=', value: 10.5 }], where: (span) => span.durationMs <= 10.5 },
    {
      name: 'a number given as text',
      filters: [{ column: 'app.result_length', op: '=', value: '20' }],
      where: (span) => span.attributes.get('app.result_length') === 20,
    },
    { name: 'a boolean', filters: [{ column: 'app.cache_hit', op: '=', value: true }], where: (span) => span.attributes.get('app.cache_hit') === true },
    {
      name: 'a key that is a number on some spans and text on others',
      filters: [{ column: 'app.mixed', op: 'in', value: [1, 'w2'] }],
      where: (span) => span.attributes.get('app.mixed') === 1 || span.attributes.get('app.mixed') === 'w2',
    },
    {
      name: 'contains',
      filters: [{ column: 'http.route', op: 'contains', value: 'activities' }],
      where: (span) => String(span.attributes.get('http.route') ?? '').includes('activities'),
    },
    { name: 'starts-with on name', filters: [{ column: 'name', op: 'starts-with', value: 'SELECT' }], where: (span) => span.name.startsWith('SELECT') },
    {
      name: 'not-in',
      filters: [{ column: 'service.name', op: 'not-in', value: ['web', 'api'] }],
      where: (span) => span.service !== 'web' && span.service !== 'api',
    },
    { name: 'span.kind', filters: [{ column: 'span.kind', op: '=', value: 'server' }], where: (span) => span.kind === 2 },
    {
      name: 'OR',
      filters: [
        { column: 'service.name', op: '=', value: 'auth' },
        { column: 'status_code', op: '=', value: 1 },
      ],
      combination: 'OR',
      where: (span) => span.service === 'auth' || span.statusCode === 1,
    },
    { name: 'a key no span has', filters: [{ column: 'no.such.key', op: 'does-not-exist' }], where: () => true },
  ]
  for (const { name, filters, combination, where } of filterCases) {
    it(`WHERE: ${name}`, async () => {
      const result = await query({ ...range(), filters, ...(combination ? { filter_combination: combination } : {}) })
      const expected = select(corpus.spans, corpus.startSec, corpus.endSec, where).length
      expect(expected).toBeGreaterThan(0)
      expect(result.data.results[0]!.data.COUNT).toBe(expected)
    })
  }

  it('GROUP BY a key of two types groups its values as text', async () => {
    const result = await query({ ...range(), breakdowns: ['app.mixed'], orders: [{ column: 'app.mixed' }] })
    const expected = [...groupBy(select(corpus.spans, corpus.startSec, corpus.endSec), ['app.mixed'])]
      .map(([groupKey, group]) => {
        const value = JSON.parse(groupKey)[0] as RefValue | null
        return { 'app.mixed': value === null ? null : String(value), COUNT: group.length }
      })
      .sort((a, b) => nullsLast(a['app.mixed'], b['app.mixed']))
    expect(result.data.results.map((row) => row.data)).toEqual(expected)
  })

  it('answers an invalid spec with 400 naming the clause, and a GET with 405', async () => {
    const bad = await postJson(`${store.url}/api/query`, { calculations: [{ op: 'P95' }] })
    expect(bad.status).toBe(400)
    expect((await readJson<{ error: { message: string } }>(bad)).error.message).toMatch(/^calculations\[0\]: P95 needs a numeric column/)
    const notJson = await fetch(`${store.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(notJson.status).toBe(400)
    expect((await fetch(`${store.url}/api/query`)).status).toBe(405)
  })

  it('a key of the query inside a string never changes the SQL: a quote in a value is only a value', async () => {
    const result = await query({ ...range(), filters: [{ column: "x'; DROP TABLE spans; --", op: '=', value: "'; DROP TABLE spans; --" }] })
    expect(result.data.results[0]!.data.COUNT).toBe(0)
    expect((await query({ ...range() })).data.results[0]!.data.COUNT).toBe(corpus.spans.length)
  })
})

describe('POST /api/query/compare ranks the fields whose values the selection spreads differently', () => {
  async function compare(body: unknown): Promise<CompareResult> {
    const response = await postJson(`${store.url}/api/query/compare`, body)
    const result = await readJson<CompareResult & { error?: { message: string } }>(response)
    if (response.status !== 200) throw new Error(`${response.status}: ${result.error?.message}`)
    return result
  }

  it('the slowest spans of the web service against the rest: every score and value count as the reference has them', async () => {
    const result = await compare({
      query: { ...range(), filters: [{ column: 'service.name', op: '!=', value: 'db' }] },
      selection: { filters: [{ column: 'duration_ms', op: '>=', value: 400 }] },
    })
    const population = select(corpus.spans, corpus.startSec, corpus.endSec, (span) => span.service !== 'db')
    const isSelected = (span: RefSpan) => span.durationMs >= 400
    const expected = referenceCompare(population, isSelected, corpus.spans)
    expect(result.selection.count).toBe(population.filter(isSelected).length)
    expect(result.baseline.count).toBe(population.length - result.selection.count)
    expect(result.results.map((field) => [field.column, field.score])).toEqual(expected.map((field) => [field.column, field.score]))
    // the region that leans slow in the corpus is what a user should see first among the attributes
    const attributes = result.results.filter((field) => !['service.name', 'name', 'span.kind', 'status_code', 'library.name'].includes(field.column))
    expect(attributes[0]!.column).toBe('app.region')
    for (const field of result.results) {
      const reference = expected.find((candidate) => candidate.column === field.column)!
      const counts = (values: { selected: number; baseline: number }[]) => values.map(({ selected, baseline }) => `${selected}/${baseline}`).sort()
      if (field.summary === 'bins') {
        // a bin is named by its range here and by its index in the reference: the counts must be the same
        expect(counts(field.values), field.column).toEqual(counts([...reference.values.values()]))
      } else {
        for (const value of field.values) {
          expect(reference.values.get(String(value.value)), `${field.column}=${String(value.value)}`).toEqual({
            selected: value.selected,
            baseline: value.baseline,
          })
        }
      }
      const shown = field.values.reduce((sum, value) => sum + value.selected + value.baseline, 0)
      expect(shown + field.otherSelected + field.otherBaseline + field.missingSelected + field.missingBaseline).toBe(population.length)
    }
    const session = result.results.find((field) => field.column === 'session.id')!
    expect(session.summary).toBe('top')
    // several fields summarised by their top values: one statement reads them all (compare-query.ts, topValuesStatement)
    expect(result.results.filter((field) => field.summary === 'top').map((field) => field.column)).toEqual(['enduser.id', 'session.id'])
    expect(result.results.find((field) => field.column === 'app.ratio')!.summary).toBe('bins')
    const build = result.results.find((field) => field.column === 'app.build')!
    expect(build.values.map((value) => value.value)).toEqual(['b42'])
  })

  it('a heatmap region: a time range and a value range', async () => {
    const fromSec = corpus.startSec + 600
    const toSec = corpus.startSec + 1800
    const result = await compare({
      query: { ...range(), filters: [{ column: 'service.name', op: '=', value: 'web' }] },
      selection: {
        start_time: fromSec,
        end_time: toSec,
        filters: [
          { column: 'duration_ms', op: '>=', value: 100 },
          { column: 'duration_ms', op: '<', value: 300 },
        ],
      },
    })
    const population = select(corpus.spans, corpus.startSec, corpus.endSec, (span) => span.service === 'web')
    const isSelected = (span: RefSpan) => span.startMs >= fromSec * 1000 && span.startMs < toSec * 1000 && span.durationMs >= 100 && span.durationMs < 300
    expect(result.selection.count).toBe(population.filter(isSelected).length)
    expect(result.results.map((field) => [field.column, field.score])).toEqual(
      referenceCompare(population, isSelected, corpus.spans).map((field) => [field.column, field.score]),
    )
  })

  it('a baseline larger than compareBaselineSampleSpans is read through a sample: the selection and every total stay exact', async () => {
    const sampling = await startTestStore({ compareBaselineSampleSpans: 500 })
    try {
      for (const request of corpus.requests) expect((await postJson(`${sampling.url}/v1/traces`, request)).status).toBe(200)
      const body = { query: range(), selection: { filters: [{ column: 'duration_ms', op: '>=', value: 400 }] } }
      const ask = async () => readJson<CompareResult>(await postJson(`${sampling.url}/api/query/compare`, body))
      const result = await ask()
      const population = select(corpus.spans, corpus.startSec, corpus.endSec, () => true)
      const isSelected = (span: RefSpan) => span.durationMs >= 400
      const expected = referenceCompare(population, isSelected, corpus.spans)
      expect(population.length - population.filter(isSelected).length).toBeGreaterThan(1000)
      expect(result.selection.count).toBe(population.filter(isSelected).length)
      expect(result.baseline.count).toBe(population.length - result.selection.count)
      // about 500 of the baseline's spans, chosen by their row: the same ones at every ask
      expect(result.baseline.sampledSpans).toBeGreaterThan(400)
      expect(result.baseline.sampledSpans).toBeLessThan(600)
      expect(await ask()).toEqual(result)
      const attributes = result.results.filter((field) => !['service.name', 'name', 'span.kind', 'status_code', 'library.name'].includes(field.column))
      expect(attributes[0]!.column).toBe('app.region')
      for (const field of result.results) {
        const reference = expected.find((candidate) => candidate.column === field.column)!
        // a sample of ~500 gives a share to within a few points; the score is a sum of such differences
        expect(Math.abs(field.score - reference.score), field.column).toBeLessThan(0.15)
        if (field.summary !== 'values') continue
        for (const value of field.values) {
          const exact = reference.values.get(String(value.value))!
          // the selection is read whole; the baseline's counts are scaled estimates
          expect(value.selected, `${field.column}=${String(value.value)}`).toBe(exact.selected)
          expect(Math.abs(value.baseline - exact.baseline) / result.baseline.count, `${field.column}=${String(value.value)}`).toBeLessThan(0.08)
        }
      }
    } finally {
      await sampling.close()
    }
  })

  it('answers 400 naming the field for a selection that is missing or wrong', async () => {
    for (const [body, message] of [
      [{ query: range() }, /^selection: must be an object/],
      [{ query: range(), selection: {} }, /^selection: give filters or a time range/],
      [{ query: { ...range(), calculations: [{ op: 'NOPE' }] }, selection: { start_time: 1 } }, /^query\.calculations\[0\]\.op/],
      [{ query: range(), selection: { filters: [{ column: 'duration_ms', op: '>', value: 'slow' }] } }, /^selection\.filters\[0\]\.value/],
    ] as const) {
      const response = await postJson(`${store.url}/api/query/compare`, body)
      expect(response.status).toBe(400)
      expect((await readJson<{ error: { message: string } }>(response)).error.message).toMatch(message)
    }
  })
})

describe('hostile values reach the index as they were sent', () => {
  it('quotes, commas, newlines, NUL, empty strings and odd keys group and match exactly', async () => {
    const hostile = await startTestStore()
    try {
      const values = ['a,b', 'say "hi"', 'line\nbreak\r\nand more', '', 'nul\u0000char', '\\N', 'ü ✓ 𝄞', ' padded ', '"', ',']
      const nowNs = BigInt(Date.now()) * 1_000_000n
      const spans = values.map((value, index) => ({
        traceId: `${(index + 1).toString(16).padStart(32, '0')}`,
        spanId: `${(index + 1).toString(16).padStart(16, '0')}`,
        name: `name ${value}`,
        kind: 1,
        startTimeUnixNano: String(nowNs - 1_000_000_000n),
        endTimeUnixNano: String(nowNs),
        attributes: [
          { key: 'app.text', value: { stringValue: value } },
          { key: 'key "with, quotes\n', value: { intValue: String(index) } },
        ],
        status: { code: 0 },
      }))
      expect(
        (
          await postJson(`${hostile.url}/v1/traces`, {
            resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's,"\n' } }] }, scopeSpans: [{ spans }] }],
          })
        ).status,
      ).toBe(200)
      const result = await readJson<QueryResult>(
        await postJson(`${hostile.url}/api/query`, { time_range: 600, breakdowns: ['app.text', 'name', 'service.name'], orders: [{ column: 'app.text' }] }),
      )
      expect(result.data.results.map((row) => [row.data['app.text'], row.data.name, row.data['service.name'], row.data.COUNT])).toEqual(
        [...values].sort().map((value) => [value, `name ${value}`, 's,"\n', 1]),
      )
      const exists = await readJson<QueryResult>(
        await postJson(`${hostile.url}/api/query`, { time_range: 600, filters: [{ column: 'app.text', op: '=', value: '' }] }),
      )
      expect(exists.data.results[0]!.data.COUNT).toBe(1)
      const oddKey = await readJson<QueryResult>(
        await postJson(`${hostile.url}/api/query`, { time_range: 600, calculations: [{ op: 'SUM', column: 'key "with, quotes\n' }] }),
      )
      expect(oddKey.data.results[0]!.data['SUM(key "with, quotes\n)']).toBe(45)
    } finally {
      await hostile.close()
    }
  })
})

describe('the cost of a query is bounded', () => {
  it('a query past its time budget is stopped and answered 422, and ingest and the next query go on', async () => {
    const slow = await startTestStore({ queryTimeoutMs: 0 })
    try {
      const small = makeCorpus(20, Math.floor(Date.now() / 1000 / 60) * 60, 4)
      for (const request of small.requests) expect((await postJson(`${slow.url}/v1/traces`, request)).status).toBe(200)
      const response = await postJson(`${slow.url}/api/query`, { start_time: small.startSec, end_time: small.endSec, breakdowns: ['name'] })
      expect(response.status).toBe(422)
      expect((await readJson<{ error: { message: string } }>(response)).error.message).toMatch(/time budget/)
      expect((await postJson(`${slow.url}/v1/traces`, small.requests[0])).status).toBe(200)
    } finally {
      await slow.close()
    }
  })
})

describe('the query index follows retention', () => {
  it('traces deleted by the span limit leave the index, and spans sent after that are counted, even when SQLite reuses chunk ids', async () => {
    const limited = await startTestStore({ retentionMaxSpans: 1000 })
    try {
      const endSec = Math.floor(Date.now() / 1000 / 60) * 60
      const newer = makeCorpus(300, endSec, 1)
      // older spans sent last: pruning them deletes the newest chunk rows, whose ids SQLite then hands out again
      const older = makeCorpus(300, endSec - 3600, 2)
      const count = async () =>
        (
          await readJson<QueryResult>(
            await postJson(`${limited.url}/api/query`, { start_time: endSec - 7200, end_time: endSec, calculations: [{ op: 'COUNT' }] }),
          )
        ).data.results[0]!.data.COUNT
      for (const request of newer.requests) await postJson(`${limited.url}/v1/traces`, request)
      for (const request of older.requests) await postJson(`${limited.url}/v1/traces`, request)
      limited.prune()
      const stored = limited.queries.search({ limit: 1000 })
      const storedSpans = stored.traces.reduce((sum, trace) => sum + trace.spanCount, 0)
      expect(storedSpans).toBeLessThanOrEqual(1000)
      expect(await count()).toBe(storedSpans)
      const later = makeCorpus(50, endSec, 3)
      for (const request of later.requests) await postJson(`${limited.url}/v1/traces`, request)
      limited.prune()
      const storedAfter = limited.queries.search({ limit: 1000 }).traces.reduce((sum, trace) => sum + trace.spanCount, 0)
      expect(await count()).toBe(storedAfter)
    } finally {
      await limited.close()
    }
  })
})
