// Query results → what the charts draw: a line per group per calculation on the time buckets of the query, and
// heatmaps as a grid of (time bucket, value bucket) counts. Pure functions; the chart components only draw them.
import type { HeatmapResult, QueryResult, ResultValue } from './query-result'
import { calculationLabel, type SpecFilter } from './query-spec'

/** The absolute range and bucket width a query ran with (whole seconds). */
export interface RunRange {
  startSec: number
  endSec: number
  granularitySec: number
}

/** Bucket start times (unix ms) from the range's start, one per `granularitySec`, the last one before its end. */
export function bucketTimes(range: RunRange): number[] {
  const times: number[] = []
  for (let sec = range.startSec; sec < range.endSec; sec += range.granularitySec) times.push(sec * 1000)
  return times
}

function bucketIndex(range: RunRange, isoTime: string): number {
  return Math.round((Date.parse(isoTime) / 1000 - range.startSec) / range.granularitySec)
}

const NO_VALUE = '(none)'

/** A group's name in legends and tables: its breakdown values joined; `(none)` where a span had no value. */
export function groupLabel(group: Record<string, ResultValue>, breakdowns: readonly string[]): string {
  if (breakdowns.length === 0) return 'all spans'
  return breakdowns.map((column) => (group[column] === null || group[column] === undefined ? NO_VALUE : String(group[column]))).join(' · ')
}

const groupKey = (data: Record<string, ResultValue>, breakdowns: readonly string[]) => JSON.stringify(breakdowns.map((column) => data[column] ?? null))

export interface LineSeries {
  name: string
  /** the group's breakdown values */
  group: Record<string, ResultValue>
  /** one per bucket; null where the group has no value (a gap) */
  values: (number | null)[]
  /** traces of the bucket's slowest spans, one list per bucket; empty where the source gave none (asked on a click) */
  examples: string[][]
}

export interface CalculationChart {
  label: string
  series: LineSeries[]
}

/** Counts of a bucket without spans are 0; any other calculation has no value there. */
const zeroWhenEmpty = (label: string) => label === 'COUNT' || label.startsWith('COUNT_DISTINCT(')

/** One chart per calculation (heatmaps apart), one line per group, in the totals table's order. */
export function seriesCharts(result: QueryResult, range: RunRange): CalculationChart[] {
  const breakdowns = result.query.breakdowns ?? []
  const buckets = bucketTimes(range).length
  const rankOf = new Map(result.groups.map((group, rank) => [groupKey(group, breakdowns), rank]))
  const labels = result.query.calculations.filter((calculation) => calculation.op !== 'HEATMAP').map(calculationLabel)
  return labels.map((label) => {
    const series: LineSeries[] = result.groups.map((group) => ({
      name: groupLabel(group, breakdowns),
      group,
      values: new Array<number | null>(buckets).fill(zeroWhenEmpty(label) ? 0 : null),
      examples: Array.from({ length: buckets }, () => []),
    }))
    for (const point of result.data.series) {
      const rank = rankOf.get(groupKey(point.data, breakdowns))
      const index = bucketIndex(range, point.time)
      const line = rank === undefined ? undefined : series[rank]
      if (!line || index < 0 || index >= buckets) continue
      const value = point.data[label]
      line.values[index] = typeof value === 'number' ? value : null
      line.examples[index] = point.exampleTraceIds ?? []
    }
    return { label, series }
  })
}

export interface HeatmapGrid {
  calculation: string
  column: string
  valueBuckets: number
  minValue: number
  maxValue: number
  /** [time bucket, value bucket, count] for every cell with spans */
  cells: [number, number, number][]
  maxCount: number
  /** `lower–upper` per value bucket, lowest first */
  valueLabels: string[]
  examples: Map<string, string[]>
}

const cellKey = (timeIndex: number, valueIndex: number) => `${timeIndex}:${valueIndex}`

function bucketWidth(grid: Pick<HeatmapGrid, 'minValue' | 'maxValue' | 'valueBuckets'>): number {
  return (grid.maxValue - grid.minValue) / grid.valueBuckets
}

/** Lower bound of a value bucket; the bound past the last is the maximum itself. */
function valueBound(grid: Pick<HeatmapGrid, 'minValue' | 'maxValue' | 'valueBuckets'>, index: number): number {
  return index >= grid.valueBuckets ? grid.maxValue : grid.minValue + index * bucketWidth(grid)
}

const roundValue = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3)))

/** A heatmap's cells placed on the query's time buckets and its value buckets; null when no span had a value. */
export function heatmapGrid(heatmap: HeatmapResult, range: RunRange): HeatmapGrid | null {
  if (heatmap.minValue === null || heatmap.maxValue === null || heatmap.cells.length === 0) return null
  const grid = { valueBuckets: Math.max(1, heatmap.valueBuckets), minValue: heatmap.minValue, maxValue: heatmap.maxValue }
  const width = bucketWidth(grid)
  const cells: [number, number, number][] = []
  const examples = new Map<string, string[]>()
  let maxCount = 0
  for (const cell of heatmap.cells) {
    const timeIndex = bucketIndex(range, cell.time)
    const valueIndex = width === 0 ? 0 : Math.min(grid.valueBuckets - 1, Math.max(0, Math.round((cell.lowerBound - grid.minValue) / width)))
    cells.push([timeIndex, valueIndex, cell.count])
    examples.set(cellKey(timeIndex, valueIndex), cell.exampleTraceIds)
    maxCount = Math.max(maxCount, cell.count)
  }
  const valueLabels = Array.from(
    { length: grid.valueBuckets },
    (_, index) => `${roundValue(valueBound(grid, index))}–${roundValue(valueBound(grid, index + 1))}`,
  )
  return { calculation: heatmap.calculation, column: heatmap.column, ...grid, cells, maxCount, valueLabels, examples }
}

export function cellExamples(grid: HeatmapGrid, timeIndex: number, valueIndex: number): string[] {
  return grid.examples.get(cellKey(timeIndex, valueIndex)) ?? []
}

/** A dragged rectangle on a heatmap: time and value bucket indices, both ends included. */
export interface HeatmapSelection {
  fromTime: number
  toTime: number
  fromValue: number
  toValue: number
}

export interface CompareSelection {
  start_time: number
  end_time: number
  filters: SpecFilter[]
}

/**
 * The spans under a heatmap selection, as Compare takes them: its time buckets as start_time/end_time, its value
 * buckets as `column >= low` and `column < high` (`<=` at the top bucket, which holds the maximum).
 */
export function selectionToCompare(grid: HeatmapGrid, range: RunRange, selection: HeatmapSelection): CompareSelection {
  const [fromTime, toTime] = [Math.min(selection.fromTime, selection.toTime), Math.max(selection.fromTime, selection.toTime)]
  const [fromValue, toValue] = [Math.min(selection.fromValue, selection.toValue), Math.max(selection.fromValue, selection.toValue)]
  const topBucket = toValue >= grid.valueBuckets - 1
  return {
    start_time: Math.max(range.startSec, range.startSec + fromTime * range.granularitySec),
    end_time: Math.min(range.endSec, range.startSec + (toTime + 1) * range.granularitySec),
    filters: [
      { column: grid.column, op: '>=', value: valueBound(grid, Math.max(0, fromValue)) },
      { column: grid.column, op: topBucket ? '<=' : '<', value: valueBound(grid, toValue + 1) },
    ],
  }
}
