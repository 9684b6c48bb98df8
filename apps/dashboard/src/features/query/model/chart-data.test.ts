import { describe, expect, it } from 'vitest'
import { bucketTimes, cellExamples, heatmapGrid, selectionToCompare, seriesCharts, type RunRange } from './chart-data'
import type { HeatmapResult, QueryResult } from './query-result'

// 4 buckets of 60 s from 1,700,000,040
const range: RunRange = { startSec: 1_700_000_040, endSec: 1_700_000_280, granularitySec: 60 }
const at = (bucket: number) => new Date((range.startSec + bucket * 60) * 1000).toISOString()

function makeResult(overrides: Partial<QueryResult['data']> = {}): QueryResult {
  return {
    query: {
      calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }, { op: 'HEATMAP', column: 'duration_ms' }],
      breakdowns: ['service.name'],
      start_time: range.startSec,
      end_time: range.endSec,
      granularity: 60,
    },
    data: { results: [], series: [], heatmaps: [], ...overrides },
    groups: [{ 'service.name': 'api' }, { 'service.name': null }],
  }
}

describe('series charts', () => {
  it('has a bucket per granularity step, the last one before the end', () => {
    expect(bucketTimes(range)).toEqual([0, 1, 2, 3].map((bucket) => (range.startSec + bucket * 60) * 1000))
  })

  it('draws a chart per calculation but heatmaps, a line per group in the table order', () => {
    const result = makeResult({
      series: [
        { time: at(1), data: { 'service.name': 'api', COUNT: 3, 'P95(duration_ms)': 12.5 }, exampleTraceIds: ['a1'] },
        { time: at(2), data: { 'service.name': null, COUNT: 1, 'P95(duration_ms)': 40 }, exampleTraceIds: ['n2'] },
      ],
    })
    const charts = seriesCharts(result, range)
    expect(charts.map((chart) => chart.label)).toEqual(['COUNT', 'P95(duration_ms)'])
    expect(charts[0]!.series.map((line) => line.name)).toEqual(['api', '(none)'])
    // a bucket without spans counts 0, and has no percentile
    expect(charts[0]!.series[0]!.values).toEqual([0, 3, 0, 0])
    expect(charts[1]!.series[0]!.values).toEqual([null, 12.5, null, null])
    expect(charts[1]!.series[1]!.values).toEqual([null, null, 40, null])
    expect(charts[1]!.series[1]!.examples[2]).toEqual(['n2'])
  })
})

describe('heatmap grid and selection', () => {
  // values 0–100 in 10 buckets of 10
  const heatmap: HeatmapResult = {
    calculation: 'HEATMAP(duration_ms)',
    column: 'duration_ms',
    valueBuckets: 10,
    minValue: 0,
    maxValue: 100,
    cells: [
      { time: at(0), lowerBound: 0, upperBound: 10, count: 5, exampleTraceIds: ['fast'] },
      { time: at(3), lowerBound: 90, upperBound: 100, count: 2, exampleTraceIds: ['slow1', 'slow2'] },
    ],
  }

  it('places cells on time and value buckets, with their examples', () => {
    const grid = heatmapGrid(heatmap, range)!
    expect(grid.cells).toEqual([
      [0, 0, 5],
      [3, 9, 2],
    ])
    expect(grid.maxCount).toBe(5)
    expect(grid.valueLabels[0]).toBe('0–10')
    expect(grid.valueLabels[9]).toBe('90–100')
    expect(cellExamples(grid, 3, 9)).toEqual(['slow1', 'slow2'])
    expect(cellExamples(grid, 1, 1)).toEqual([])
  })

  it('has no grid when no span had a value', () => {
    expect(heatmapGrid({ ...heatmap, cells: [], minValue: null, maxValue: null }, range)).toBeNull()
  })

  it('turns a selection dragged either way into its seconds and value bounds', () => {
    const grid = heatmapGrid(heatmap, range)!
    expect(selectionToCompare(grid, range, { fromTime: 2, toTime: 1, fromValue: 5, toValue: 3 })).toEqual({
      start_time: range.startSec + 60,
      end_time: range.startSec + 180,
      filters: [
        { column: 'duration_ms', op: '>=', value: 30 },
        { column: 'duration_ms', op: '<', value: 60 },
      ],
    })
  })

  it('includes the maximum when the selection reaches the top bucket, and ends at the range end', () => {
    const grid = heatmapGrid(heatmap, range)!
    const selection = selectionToCompare(grid, range, { fromTime: 3, toTime: 3, fromValue: 9, toValue: 9 })
    expect(selection.end_time).toBe(range.endSec)
    expect(selection.filters[1]).toEqual({ column: 'duration_ms', op: '<=', value: 100 })
  })
})
