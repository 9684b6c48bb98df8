import type { ColumnResolver } from './column-sql.js'
import { columnName, type QueryColumn } from './query-columns.js'
import {
  calculationAlias,
  EXAMPLE_TRACE_COUNT,
  exampleRowsStatement,
  groupAlias,
  heatmapStatement,
  HEATMAP_VALUE_BUCKETS,
  seriesStatement,
  totalsStatement,
  type Statement,
} from './query-sql.js'
import { calculationLabel, type Calculation, type QuerySpec } from './query-spec.js'
import { specToJson, type HoneycombQuerySpecJson } from './spec-to-json.js'

/** Runs one statement and returns its rows as plain objects (BIGINT as number, lists as arrays). */
export type SqlRunner = (statement: Statement) => Promise<Record<string, unknown>[]>

type ResultValue = string | number | boolean | null

/** One row of the totals table or one point of a series, in Honeycomb's shape: group values and calculations by name. */
export interface QueryResultRow {
  data: Record<string, ResultValue>
  /** traces of the slowest spans counted here, to open from a click */
  exampleTraceIds: string[]
}

/** A point names no example trace: a query of its group over its bucket gives them (query-sql.ts, seriesStatement). */
export interface SeriesPoint {
  /** ISO time of the bucket's start */
  time: string
  data: Record<string, ResultValue>
}

export interface HeatmapCell {
  /** ISO time of the bucket's start */
  time: string
  /** the value bucket: lowerBound ≤ value < upperBound (the last bucket includes its upper bound) */
  lowerBound: number
  upperBound: number
  count: number
  exampleTraceIds: string[]
}

export interface HeatmapResult {
  /** `HEATMAP(duration_ms)` */
  calculation: string
  column: string
  /** empty when no span in the range has a numeric value in the column */
  cells: HeatmapCell[]
  valueBuckets: number
  minValue: number | null
  maxValue: number | null
}

export interface QueryResult {
  /** the query as run: the spec with defaults filled in and absolute times (spec-to-json.ts) */
  query: HoneycombQuerySpecJson
  data: {
    /** the totals table: a row per group, ordered and limited as asked */
    results: QueryResultRow[]
    /** per group, a point per time bucket with at least one span; RATE_* are per second, from the bucket before */
    series: SeriesPoint[]
    heatmaps: HeatmapResult[]
  }
  /** each group's values, in the order of the totals table: what the series points of a group share */
  groups: Record<string, ResultValue>[]
}

const asNumber = (value: unknown) => (typeof value === 'bigint' ? Number(value) : (value as number))

function resultValue(value: unknown): ResultValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value
  return String(value)
}

/** The example row ids of a totals row (a list, slowest first) or a heatmap cell (one). */
function exampleRows(value: unknown): number[] {
  if (typeof value === 'bigint' || typeof value === 'number') return [Number(value)]
  return Array.isArray(value) ? value.map(Number) : []
}

/** Looks up the trace ids of every example row in one statement; gives each its distinct traces, slowest first. */
async function exampleTraces(run: SqlRunner, rowLists: number[][]): Promise<string[][]> {
  const rowIds = [...new Set(rowLists.flat())]
  const traceOf = new Map<number, string>()
  if (rowIds.length > 0) for (const row of await run(exampleRowsStatement(rowIds))) traceOf.set(asNumber(row.row_id), String(row.trace_id))
  return rowLists.map((rows) => {
    const traces = new Set<string>()
    for (const row of rows) {
      const traceId = traceOf.get(row)
      if (traceId !== undefined) traces.add(traceId)
      if (traces.size === EXAMPLE_TRACE_COUNT) break
    }
    return [...traces]
  })
}

/** A row's group fields, by the breakdown columns' names. */
function groupData(spec: QuerySpec, row: Record<string, unknown>): Record<string, ResultValue> {
  return Object.fromEntries(spec.breakdowns.map((column, index) => [columnName(column), resultValue(row[groupAlias(index)])]))
}

/** What a row's calculation columns are named in the answer (null: a HEATMAP, answered apart), worked out once per query. */
interface CalculationColumns {
  labels: (string | null)[]
  aliases: string[]
  isRate: boolean[]
}

function calculationColumns(spec: QuerySpec): CalculationColumns {
  return {
    labels: spec.calculations.map((calculation) => (calculation.op === 'HEATMAP' ? null : calculationLabel(calculation))),
    aliases: spec.calculations.map((_, index) => calculationAlias(index)),
    isRate: spec.calculations.map((calculation) => calculation.op.startsWith('RATE_')),
  }
}

/** Adds a row's calculations to `data` by their labels; RATE_* from `rates` (null in the totals). */
function addCalculations(
  columns: CalculationColumns,
  row: Record<string, unknown>,
  data: Record<string, ResultValue>,
  rates?: (index: number) => ResultValue,
): void {
  for (let index = 0; index < columns.labels.length; index += 1) {
    const label = columns.labels[index]
    if (label === null || label === undefined) continue
    data[label] = columns.isRate[index] ? (rates?.(index) ?? null) : resultValue(row[columns.aliases[index]!])
  }
}

const isoTime = (ms: number) => new Date(ms).toISOString()

/** A group's values as a key: the same in the totals and the series rows (both read from the same columns). */
function groupKey(spec: QuerySpec, row: Record<string, unknown>): string {
  return JSON.stringify(spec.breakdowns.map((_, index) => String(row[groupAlias(index)] ?? '\u0000null')))
}

/** The series rows of the groups the totals kept, each with its group's rank, ordered by rank and bucket. */
function rankedSeriesRows(spec: QuerySpec, rows: Record<string, unknown>[], totals: Record<string, unknown>[], everyGroup: boolean): Record<string, unknown>[] {
  if (!everyGroup) return rows.sort((a, b) => asNumber(a.rank) - asNumber(b.rank) || asNumber(a.bucket) - asNumber(b.bucket))
  const rankOf = new Map(totals.map((row, rank) => [groupKey(spec, row), rank]))
  const ranked: Record<string, unknown>[] = []
  for (const row of rows) {
    const rank = rankOf.get(groupKey(spec, row))
    if (rank === undefined) continue
    row.rank = rank
    ranked.push(row)
  }
  return ranked.sort((a, b) => asNumber(a.rank) - asNumber(b.rank) || asNumber(a.bucket) - asNumber(b.bucket))
}

function seriesPoints(spec: QuerySpec, rows: Record<string, unknown>[], groups: Record<string, ResultValue>[]): SeriesPoint[] {
  const columns = calculationColumns(spec)
  const granularitySec = spec.granularityMs / 1000
  const times = new Map<number, string>()
  const points: SeriesPoint[] = []
  let previous: Record<string, unknown> | undefined
  for (const row of rows) {
    const rank = asNumber(row.rank)
    const bucket = asNumber(row.bucket)
    const before = previous && asNumber(previous.rank) === rank && asNumber(previous.bucket) === bucket - 1 ? previous : undefined
    // a RATE_* is the change from the bucket before, per second; none for a group's first bucket or after a gap
    const rate = (index: number) => {
      const now = row[columns.aliases[index]!]
      const then = before?.[columns.aliases[index]!]
      return typeof now === 'number' && typeof then === 'number' ? (now - then) / granularitySec : null
    }
    let time = times.get(bucket)
    if (time === undefined) times.set(bucket, (time = isoTime(spec.startMs + bucket * spec.granularityMs)))
    const data: Record<string, ResultValue> = { ...groups[rank] }
    addCalculations(columns, row, data, rate)
    points.push({ time, data })
    previous = row
  }
  return points
}

function heatmapResult(
  spec: QuerySpec,
  calculation: Calculation,
  column: QueryColumn,
  rows: Record<string, unknown>[],
  examples: (row: Record<string, unknown>) => string[],
): HeatmapResult {
  const low = rows.length > 0 ? asNumber(rows[0]!.low) : null
  const high = rows.length > 0 ? asNumber(rows[0]!.high) : null
  const width = low !== null && high !== null && high > low ? (high - low) / HEATMAP_VALUE_BUCKETS : 0
  return {
    calculation: calculationLabel(calculation),
    column: columnName(column),
    valueBuckets: HEATMAP_VALUE_BUCKETS,
    minValue: low,
    maxValue: high,
    cells: rows.map((row) => {
      const valueBucket = asNumber(row.value_bucket)
      const lowerBound = (low ?? 0) + valueBucket * width
      return {
        time: isoTime(spec.startMs + asNumber(row.bucket) * spec.granularityMs),
        lowerBound,
        upperBound: width === 0 ? (high ?? lowerBound) : valueBucket === HEATMAP_VALUE_BUCKETS - 1 ? high! : lowerBound + width,
        count: asNumber(row.count),
        exampleTraceIds: examples(row),
      }
    }),
  }
}

/** Answers a validated query over the query index: the totals table, the series of each group and any heatmaps. */
export async function runQuery(spec: QuerySpec, resolve: ColumnResolver, run: SqlRunner): Promise<QueryResult> {
  // a query of heatmaps alone has no totals or series to compute (its heatmaps cover every matching span)
  const heatmapsOnly = spec.calculations.every((calculation) => calculation.op === 'HEATMAP')
  const totals = heatmapsOnly ? [] : await run(totalsStatement(spec, resolve))
  const groups = totals.map((row) => groupData(spec, row))
  // LIMIT did not cut the groups: the series of every group in one GROUP BY, without joining it to the totals
  const everyGroup = totals.length < spec.limit
  const seriesRows = totals.length > 0 ? rankedSeriesRows(spec, await run(seriesStatement(spec, resolve, everyGroup)), totals, everyGroup) : []
  const heatmapRows: { calculation: Calculation; column: QueryColumn; rows: Record<string, unknown>[] }[] = []
  for (const calculation of spec.calculations) {
    if (calculation.op !== 'HEATMAP') continue
    heatmapRows.push({ calculation, column: calculation.column, rows: await run(heatmapStatement(spec, resolve, calculation.column)) })
  }

  const rowLists = [...totals, ...heatmapRows.flatMap((heatmap) => heatmap.rows)].map((row) => exampleRows(row.example_rows))
  const examples = await exampleTraces(run, rowLists)
  let next = 0
  const takeExamples = () => examples[next++] ?? []

  const columns = calculationColumns(spec)
  const results = totals.map((row, rank) => {
    const data: Record<string, ResultValue> = { ...groups[rank] }
    addCalculations(columns, row, data)
    return { data, exampleTraceIds: takeExamples() }
  })
  const series = seriesPoints(spec, seriesRows, groups)
  const heatmaps = heatmapRows.map(({ calculation, column, rows }) => heatmapResult(spec, calculation, column, rows, takeExamples))
  return { query: specToJson(spec), data: { results, series, heatmaps }, groups }
}
