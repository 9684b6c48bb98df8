import type { ColumnResolver } from './column-sql.js'
import { columnName, type QueryColumn } from './query-columns.js'
import {
  calculationAlias,
  EXAMPLE_TRACE_COUNT,
  groupAlias,
  heatmapStatement,
  HEATMAP_VALUE_BUCKETS,
  seriesStatement,
  totalsStatement,
  type Statement,
} from './query-sql.js'
import { calculationLabel, type Calculation, type QuerySpec } from './query-spec.js'
import { specToJson, type HoneycombQuerySpecJson } from './spec-to-json.js'

/** Runs one statement and returns its rows as plain objects (BIGINT as bigint, lists as arrays). */
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

/** A totals row's example traces: the distinct traces of its slowest spans, slowest first. */
function exampleTraces(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.map(String))].slice(0, EXAMPLE_TRACE_COUNT) : []
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

/** Adds a totals row's calculations to `data` by their labels (a RATE_* is null there: it is a change between buckets). */
function addCalculations(columns: CalculationColumns, row: Record<string, unknown>, data: Record<string, ResultValue>): void {
  for (let index = 0; index < columns.labels.length; index += 1) {
    const label = columns.labels[index]
    if (label === null || label === undefined) continue
    data[label] = columns.isRate[index] ? null : resultValue(row[columns.aliases[index]!])
  }
}

/** A group's values as a key: the same for a totals row and a series row (both read from the same columns). */
function groupKey(breakdowns: number, valueOf: (index: number) => unknown): string {
  if (breakdowns === 1) return String(valueOf(0) ?? '\u0000null')
  return JSON.stringify(Array.from({ length: breakdowns }, (_, index) => String(valueOf(index) ?? '\u0000null')))
}

/**
 * The series points as JSON text, each group's in the totals' order. The statement gave a row per group with its
 * points written by DuckDB (query-sql.ts, seriesStatement), numbered by `rank` or, when it computed every group's
 * series, carrying the group values: then a group the totals left out (HAVING) is dropped here.
 */
function seriesPointsJson(spec: QuerySpec, rows: Record<string, unknown>[], totals: Record<string, unknown>[], everyGroup: boolean): string {
  const breakdowns = spec.breakdowns.length
  const rankByKey = everyGroup ? new Map(totals.map((row, rank) => [groupKey(breakdowns, (index) => row[groupAlias(index)]), rank])) : undefined
  const byRank: string[] = []
  for (const row of rows) {
    const rank = rankByKey ? rankByKey.get(groupKey(breakdowns, (index) => row[groupAlias(index)])) : asNumber(row.rank)
    if (rank !== undefined && typeof row.points === 'string') byRank[rank] = row.points
  }
  return `[${byRank.filter((points) => points !== undefined).join(',')}]`
}

/**
 * A heatmap's JSON text (a `HeatmapResult`). The cells come as DuckDB wrote them, in the answer's shape
 * (query-sql.ts, heatmapStatement): parsing 3,000 cells to write them again cost more than the statement's example traces.
 */
function heatmapJson(calculation: Calculation, column: QueryColumn, rows: Record<string, unknown>[]): string {
  const [row] = rows
  const bound = (value: unknown) => (value === null || value === undefined ? null : asNumber(value))
  const fields = {
    calculation: calculationLabel(calculation),
    column: columnName(column),
    valueBuckets: HEATMAP_VALUE_BUCKETS,
    minValue: bound(row?.low),
    maxValue: bound(row?.high),
  } satisfies Omit<HeatmapResult, 'cells'>
  const cells = typeof row?.cells === 'string' ? row.cells : '[]'
  return `${JSON.stringify(fields).slice(0, -1)},"cells":${cells}}`
}

/**
 * Answers a validated query over the query index: the totals table, the series of each group and any heatmaps, as the
 * JSON text of a `QueryResult` (the series written as text: seriesPointsJson).
 */
export async function runQuery(spec: QuerySpec, resolve: ColumnResolver, run: SqlRunner): Promise<string> {
  // a query of heatmaps alone has no totals or series to compute (its heatmaps cover every matching span)
  const heatmapsOnly = spec.calculations.every((calculation) => calculation.op === 'HEATMAP')
  const totals = heatmapsOnly ? [] : await run(totalsStatement(spec, resolve))
  const groups = totals.map((row) => groupData(spec, row))
  // LIMIT did not cut the groups: the series of every group in one GROUP BY, without joining it to the totals
  const everyGroup = totals.length < spec.limit
  const seriesRows = totals.length > 0 ? await run(seriesStatement(spec, resolve, everyGroup)) : []
  const heatmapRows: { calculation: Calculation; column: QueryColumn; rows: Record<string, unknown>[] }[] = []
  for (const calculation of spec.calculations) {
    if (calculation.op !== 'HEATMAP') continue
    heatmapRows.push({ calculation, column: calculation.column, rows: await run(heatmapStatement(spec, resolve, calculation.column)) })
  }

  const columns = calculationColumns(spec)
  const results: QueryResultRow[] = totals.map((row, rank) => {
    const data: Record<string, ResultValue> = { ...groups[rank] }
    addCalculations(columns, row, data)
    return { data, exampleTraceIds: exampleTraces(row.example_traces) }
  })
  const heatmaps = heatmapRows.map(({ calculation, column, rows }) => heatmapJson(calculation, column, rows))
  return `{"query":${JSON.stringify(specToJson(spec))},"data":{"results":${JSON.stringify(results)},"series":${seriesPointsJson(spec, seriesRows, totals, everyGroup)},"heatmaps":[${heatmaps.join(',')}]},"groups":${JSON.stringify(groups)}}`
}
