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

/** Runs one statement and returns its rows as plain objects (BIGINT as bigint, lists as arrays). */
export type SqlRunner = (statement: Statement) => Promise<Record<string, unknown>[]>
/** Runs one statement and returns its columns by name, each an array of values: cheaper to read for thousands of rows. */
export type SqlColumnsRunner = (statement: Statement) => Promise<Record<string, unknown[]>>

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

/** The example row ids of a totals row, slowest first. */
function exampleRows(value: unknown): number[] {
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

/** Adds a totals row's calculations to `data` by their labels (a RATE_* is null there: it is a change between buckets). */
function addCalculations(columns: CalculationColumns, row: Record<string, unknown>, data: Record<string, ResultValue>): void {
  for (let index = 0; index < columns.labels.length; index += 1) {
    const label = columns.labels[index]
    if (label === null || label === undefined) continue
    data[label] = columns.isRate[index] ? null : resultValue(row[columns.aliases[index]!])
  }
}

const isoTime = (ms: number) => new Date(ms).toISOString()

/** A group's values as a key: the same for a totals row and a series row (both read from the same columns). */
function groupKey(breakdowns: number, valueOf: (index: number) => unknown): string {
  if (breakdowns === 1) return String(valueOf(0) ?? '\u0000null')
  return JSON.stringify(Array.from({ length: breakdowns }, (_, index) => String(valueOf(index) ?? '\u0000null')))
}

/** The series, read by column: each row's group rank, and the order of the rows to write (by rank, then bucket). */
interface RankedSeries {
  columns: Record<string, unknown[]>
  rankOf: number[]
  order: number[]
}

/**
 * Ranks the series rows by the totals' groups and orders them by rank and bucket; rows of groups the totals left out
 * (HAVING) are dropped. The statement gave them ordered by bucket (and by rank when it joined the totals), so they are
 * only distributed here, not sorted.
 */
function rankedSeries(spec: QuerySpec, columns: Record<string, unknown[]>, totals: Record<string, unknown>[], everyGroup: boolean): RankedSeries {
  const count = columns.bucket?.length ?? 0
  if (!everyGroup) {
    const ranks = columns.rank ?? []
    return { columns, rankOf: ranks.map(asNumber), order: Array.from({ length: count }, (_, row) => row) }
  }
  const breakdowns = spec.breakdowns.length
  const groupColumns = spec.breakdowns.map((_, index) => columns[groupAlias(index)] ?? [])
  const rankByKey = new Map(totals.map((row, rank) => [groupKey(breakdowns, (index) => row[groupAlias(index)]), rank]))
  const rankOf = new Array<number>(count)
  const byRank: number[][] = totals.map(() => [])
  for (let row = 0; row < count; row += 1) {
    const rank = rankByKey.get(groupKey(breakdowns, (index) => groupColumns[index]![row]))
    if (rank === undefined) continue
    rankOf[row] = rank
    byRank[rank]!.push(row)
  }
  return { columns, rankOf, order: byRank.flat() }
}

/**
 * The series points as JSON text, written here rather than built as objects and stringified: for thousands of points
 * the objects (a copy of the group's fields plus the calculations each) cost more than the statement that counted them.
 */
function seriesPointsJson(spec: QuerySpec, series: RankedSeries, groups: Record<string, ResultValue>[]): string {
  const calculations = calculationColumns(spec)
  const granularitySec = spec.granularityMs / 1000
  const times = new Map<number, string>()
  // each group's fields once, as the start of its points' `data`
  const groupFields = groups.map((group) => JSON.stringify(group).slice(1, -1))
  const labels = calculations.labels.map((label) => (label === null ? null : JSON.stringify(label)))
  const values = calculations.aliases.map((alias) => series.columns[alias] ?? [])
  const buckets = (series.columns.bucket ?? []).map(asNumber)
  const points: string[] = []
  let previous = -1
  for (const row of series.order) {
    const rank = series.rankOf[row]!
    const bucket = buckets[row]!
    const before = previous >= 0 && series.rankOf[previous] === rank && buckets[previous] === bucket - 1 ? previous : -1
    let time = times.get(bucket)
    if (time === undefined) times.set(bucket, (time = JSON.stringify(isoTime(spec.startMs + bucket * spec.granularityMs))))
    const fields = groupFields[rank] ? [groupFields[rank]] : []
    for (let index = 0; index < labels.length; index += 1) {
      const label = labels[index]
      if (label === null || label === undefined) continue
      let value: ResultValue
      if (calculations.isRate[index]) {
        // a RATE_* is the change from the bucket before, per second; none for a group's first bucket or after a gap
        const now = values[index]![row]
        const then = before >= 0 ? values[index]![before] : undefined
        value = typeof now === 'number' && typeof then === 'number' ? (now - then) / granularitySec : null
      } else {
        value = resultValue(values[index]![row])
      }
      fields.push(`${label}:${JSON.stringify(value)}`)
    }
    points.push(`{"time":${time},"data":{${fields.join(',')}}}`)
    previous = row
  }
  return `[${points.join(',')}]`
}

function heatmapResult(calculation: Calculation, column: QueryColumn, rows: Record<string, unknown>[]): HeatmapResult {
  const [row] = rows
  const low = row?.low === null || row?.low === undefined ? null : asNumber(row.low)
  const high = row?.high === null || row?.high === undefined ? null : asNumber(row.high)
  return {
    calculation: calculationLabel(calculation),
    column: columnName(column),
    valueBuckets: HEATMAP_VALUE_BUCKETS,
    minValue: low,
    maxValue: high,
    // DuckDB wrote them in this shape (query-sql.ts)
    cells: typeof row?.cells === 'string' ? (JSON.parse(row.cells) as HeatmapCell[]) : [],
  }
}

/**
 * Answers a validated query over the query index: the totals table, the series of each group and any heatmaps, as the
 * JSON text of a `QueryResult` (the series written as text: seriesPointsJson).
 */
export async function runQuery(spec: QuerySpec, resolve: ColumnResolver, run: SqlRunner, runColumns: SqlColumnsRunner): Promise<string> {
  // a query of heatmaps alone has no totals or series to compute (its heatmaps cover every matching span)
  const heatmapsOnly = spec.calculations.every((calculation) => calculation.op === 'HEATMAP')
  const totals = heatmapsOnly ? [] : await run(totalsStatement(spec, resolve))
  const groups = totals.map((row) => groupData(spec, row))
  // LIMIT did not cut the groups: the series of every group in one GROUP BY, without joining it to the totals
  const everyGroup = totals.length < spec.limit
  const series = rankedSeries(spec, totals.length > 0 ? await runColumns(seriesStatement(spec, resolve, everyGroup)) : {}, totals, everyGroup)
  const heatmapRows: { calculation: Calculation; column: QueryColumn; rows: Record<string, unknown>[] }[] = []
  for (const calculation of spec.calculations) {
    if (calculation.op !== 'HEATMAP') continue
    heatmapRows.push({ calculation, column: calculation.column, rows: await run(heatmapStatement(spec, resolve, calculation.column)) })
  }

  const examples = await exampleTraces(
    run,
    totals.map((row) => exampleRows(row.example_rows)),
  )

  const columns = calculationColumns(spec)
  const results: QueryResultRow[] = totals.map((row, rank) => {
    const data: Record<string, ResultValue> = { ...groups[rank] }
    addCalculations(columns, row, data)
    return { data, exampleTraceIds: examples[rank] ?? [] }
  })
  const heatmaps = heatmapRows.map(({ calculation, column, rows }) => heatmapResult(calculation, column, rows))
  return `{"query":${JSON.stringify(specToJson(spec))},"data":{"results":${JSON.stringify(results)},"series":${seriesPointsJson(spec, series, groups)},"heatmaps":${JSON.stringify(heatmaps)}},"groups":${JSON.stringify(groups)}}`
}
