import { filterSql, groupValueSql, numberValueSql, SqlParams, type ColumnResolver, type ColumnSql } from './column-sql.js'
import { PERCENTILE_QUANTILES, type PercentileOp } from './query-ops.js'
import { columnName, type QueryColumn } from './query-columns.js'
import { calculationLabel, type Calculation, type QuerySpec } from './query-spec.js'

/** Example trace ids given per group (a heatmap cell names one): the traces of the slowest spans there. */
export const EXAMPLE_TRACE_COUNT = 3
/** The value axis of a heatmap: this many equal buckets from the smallest to the largest value. */
export const HEATMAP_VALUE_BUCKETS = 50

export interface Statement {
  sql: string
  params: SqlParams['values']
}

/** What a RATE_* calculation is the rate of change of. */
const RATE_BASE = { RATE_AVG: 'avg', RATE_SUM: 'sum', RATE_MAX: 'max' } as const

/** Result column names: g0…g4 the breakdowns, c0… the calculations, examples the example trace ids. */
export const groupAlias = (index: number) => `g${index}`
export const calculationAlias = (index: number) => `c${index}`

function isPercentile(op: string): op is PercentileOp {
  return Object.hasOwn(PERCENTILE_QUANTILES, op)
}

/**
 * The aggregate of one calculation. Percentiles are exact (nearest rank: the smallest value with at least the
 * quantile's share of values at or below it). RATE_* aggregates what it is the rate of; the change per second is taken
 * between series buckets (run-query.ts). HEATMAP has no per-group value: NULL here, cells from heatmapStatement.
 */
function aggregateSql(calculation: Calculation, resolve: ColumnResolver): string {
  if (calculation.op === 'COUNT') return 'count(*)'
  const column = resolve(calculation.column)
  if (calculation.op === 'COUNT_DISTINCT') return `count(DISTINCT ${groupValueSql(column)})`
  const value = numberValueSql(column)
  if (isPercentile(calculation.op)) return `quantile_disc(${value}, ${PERCENTILE_QUANTILES[calculation.op]})`
  switch (calculation.op) {
    case 'SUM':
      return `sum(${value})`
    case 'AVG':
      return `avg(${value})`
    case 'MIN':
      return `min(${value})`
    case 'MAX':
      return `max(${value})`
    case 'HEATMAP':
      return 'NULL'
    case 'RATE_AVG':
    case 'RATE_SUM':
    case 'RATE_MAX':
      return `${RATE_BASE[calculation.op]}(${value})`
  }
}

/** The spans a query counts: its time range and filters. */
export function whereSql(spec: QuerySpec, resolve: ColumnResolver, params: SqlParams): string {
  const range = `start_ns >= ${params.add(BigInt(spec.startMs) * 1_000_000n)} AND start_ns < ${params.add(BigInt(spec.endMs) * 1_000_000n)}`
  if (spec.filters.length === 0) return range
  const joiner = spec.filterCombination === 'AND' ? ' AND ' : ' OR '
  return `${range} AND (${spec.filters.map((filter) => `(${filterSql(filter, resolve, params)})`).join(joiner)})`
}

/**
 * A group's examples: the trace ids of its slowest spans, kept in the same scan. Spans of one trace share the id, so more
 * are kept than examples given. (Keeping row ids here and looking their trace ids up afterwards cost a statement of
 * 7-18 ms per query, more than keeping the ids.)
 */
const examplesSql = `max_by(trace_id, duration_ms, ${EXAMPLE_TRACE_COUNT * 4}) AS example_traces`
/**
 * A heatmap cell names one example, the trace of its slowest span, read in the same statement: a heatmap reads a time
 * range, where keeping one trace id per cell cost ~2 ms and looking up 3,000 rows' trace ids afterwards ~15 ms.
 */
const cellExampleSql = 'arg_max(trace_id, duration_ms) AS examples'

function orderSql(spec: QuerySpec): string {
  const terms = spec.orders.map((order) => {
    const alias = order.by === 'calculation' ? calculationAlias(order.calculationIndex) : groupAlias(order.breakdownIndex)
    return `${alias} ${order.order === 'descending' ? 'DESC' : 'ASC'} NULLS LAST`
  })
  if (terms.length === 0) {
    // as Honeycomb: the first calculation, largest first
    const first = spec.calculations.findIndex((calculation) => calculation.op !== 'HEATMAP' && !calculation.op.startsWith('RATE_'))
    if (first >= 0) terms.push(`${calculationAlias(first)} DESC NULLS LAST`)
  }
  // ties in a stable order: by the group values (a group without the field last, as in any explicit order)
  spec.breakdowns.forEach((_, index) => terms.push(`${groupAlias(index)} ASC NULLS LAST`))
  return terms.length > 0 ? `ORDER BY ${terms.join(', ')}` : ''
}

function havingSql(spec: QuerySpec, params: SqlParams): string {
  if (spec.havings.length === 0) return ''
  return `HAVING ${spec.havings.map((having) => `${calculationAlias(having.calculationIndex)} ${having.op === '=' ? '=' : having.op} ${params.add(having.value)}::DOUBLE`).join(' AND ')}`
}

/** The span rows of the query with their group values (g0…) and what the calculations read, as a CTE named `base`. */
function baseSql(spec: QuerySpec, resolve: ColumnResolver, params: SqlParams): string {
  const groups = spec.breakdowns.map((column, index) => `${groupValueSql(resolve(column))} AS ${groupAlias(index)}`)
  // NOT MATERIALIZED: a CTE read twice would otherwise be copied whole, every attribute column with it
  return `base AS NOT MATERIALIZED (SELECT *${groups.map((group) => `, ${group}`).join('')} FROM spans WHERE ${whereSql(spec, resolve, params)})`
}

/**
 * The totals table: one row per group (all matching spans when there are no breakdowns), its calculations over the
 * whole range, HAVING applied, ordered and limited; `rank` numbers the groups for the series.
 */
function totalsSql(spec: QuerySpec, resolve: ColumnResolver, params: SqlParams): string {
  const groups = spec.breakdowns.map((_, index) => groupAlias(index))
  const calculations = spec.calculations.map((calculation, index) => `${aggregateSql(calculation, resolve)} AS ${calculationAlias(index)}`)
  const groupBy = groups.length > 0 ? `GROUP BY ${groups.join(', ')}` : ''
  const having = havingSql(spec, params)
  // without breakdowns there is one group even when no span matches, as COUNT = 0
  return `SELECT ${[...groups, ...calculations, examplesSql].join(', ')} FROM base ${groupBy} ${having} ${orderSql(spec)} LIMIT ${spec.limit}`
}

export function totalsStatement(spec: QuerySpec, resolve: ColumnResolver): Statement {
  const params = new SqlParams()
  const base = baseSql(spec, resolve, params)
  const sql = `WITH ${base}, totals AS (${totalsSql(spec, resolve, params)}) SELECT row_number() OVER () - 1 AS rank, * FROM totals`
  return { sql, params: params.values }
}

/** A time bucket's start as ISO text, as JavaScript's toISOString writes it. */
function bucketTimeSql(spec: QuerySpec, params: SqlParams, bucket: string): string {
  return `strftime(epoch_ms(${params.add(BigInt(spec.startMs))} + ${bucket} * ${params.add(BigInt(spec.granularityMs))}), '%Y-%m-%dT%H:%M:%S.%gZ')`
}

/** A value as JSON can hold it: a DOUBLE that is NaN or infinite becomes null (as JSON.stringify writes them). */
function finiteSql(sql: string, isDouble: boolean): string {
  return isDouble ? `CASE WHEN isfinite(${sql}) THEN ${sql} END` : sql
}

/** Whether a calculation's aggregate is a DOUBLE (the others are counts, BIGINT). */
const isDoubleCalculation = (calculation: Calculation) => calculation.op !== 'COUNT' && calculation.op !== 'COUNT_DISTINCT'

/** Whether a breakdown's group value is a DOUBLE (groupValueSql: a column of numbers only). */
function isDoubleGroup(column: ColumnSql): boolean {
  return column.number !== undefined && column.text === undefined && column.boolean === undefined
}

/**
 * One series point's JSON, `{"time", "data": {group fields…, calculations…}}`, made by DuckDB: writing 12,000 points
 * in JavaScript took longer than counting them. The field names are parameters, never SQL. A RATE_* is the change
 * from the group's bucket before, per second: null for its first bucket and after a gap.
 */
function pointJsonSql(spec: QuerySpec, resolve: ColumnResolver, params: SqlParams, partition: string): string {
  const fields: string[] = []
  spec.breakdowns.forEach((column, index) => {
    fields.push(params.add(columnName(column)), finiteSql(groupAlias(index), isDoubleGroup(resolve(column))))
  })
  spec.calculations.forEach((calculation, index) => {
    if (calculation.op === 'HEATMAP') return
    const alias = calculationAlias(index)
    const value = calculation.op.startsWith('RATE_')
      ? `CASE WHEN lag(bucket) OVER (${partition} ORDER BY bucket) = bucket - 1 THEN (${alias} - lag(${alias}) OVER (${partition} ORDER BY bucket)) / ${spec.granularityMs / 1000} END`
      : alias
    fields.push(params.add(calculationLabel(calculation)), finiteSql(value, isDoubleCalculation(calculation)))
  })
  return `json_object('time', ${bucketTimeSql(spec, params, 'bucket')}, 'data', json_object(${fields.join(', ')}))::VARCHAR`
}

/**
 * The series: per group and time bucket, the calculations over the spans that start in it, answered as one row per
 * group with its points as JSON text (`points`, ordered by bucket; pointJsonSql). A point names no example: there are
 * thousands, and keeping one each made the series a third slower; a click on a point asks for that group and bucket's
 * examples with a query of its own (the dashboard does). With `everyGroup` (the totals were not cut by LIMIT) every
 * group's series is computed in one GROUP BY, its rows carrying the group values (g0…), and the caller keeps those of
 * the groups the totals kept (HAVING); otherwise the series is joined to the groups the totals keep, its rows numbered
 * by `rank`.
 */
export function seriesStatement(spec: QuerySpec, resolve: ColumnResolver, everyGroup: boolean): Statement {
  const params = new SqlParams()
  const base = baseSql(spec, resolve, params)
  const groups = spec.breakdowns.map((_, index) => groupAlias(index))
  const calculations = spec.calculations.map((calculation, index) => `${aggregateSql(calculation, resolve)} AS ${calculationAlias(index)}`)
  const bucket = `(start_ns - ${params.add(BigInt(spec.startMs) * 1_000_000n)}) // ${params.add(BigInt(spec.granularityMs) * 1_000_000n)}`
  let buckets: string
  let keys: string[]
  if (everyGroup) {
    buckets = `buckets AS (SELECT ${[...groups, `${bucket} AS bucket`, ...calculations].join(', ')} FROM base GROUP BY ${[...groups, 'bucket'].join(', ')})`
    keys = groups
  } else {
    const totals = totalsSql(spec, resolve, params)
    const join =
      groups.length > 0 ? `JOIN ranked ON ${groups.map((group) => `base.${group} IS NOT DISTINCT FROM ranked.${group}`).join(' AND ')}` : 'CROSS JOIN ranked'
    const rankedGroups = groups.map((group) => `any_value(ranked.${group}) AS ${group}`)
    buckets = `ranked AS (SELECT row_number() OVER () - 1 AS rank, ${groups.length > 0 ? groups.join(', ') : '1 AS one'} FROM (${totals})),
      buckets AS (SELECT ${['ranked.rank AS rank', ...rankedGroups, `${bucket} AS bucket`, ...calculations].join(', ')}
        FROM base ${join} GROUP BY ranked.rank, bucket)`
    keys = ['rank']
  }
  const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')}` : ''
  const sql = `WITH ${base}, ${buckets},
    points AS (SELECT ${[...keys, 'bucket', `${pointJsonSql(spec, resolve, params, partition)} AS point`].join(', ')} FROM buckets)
    SELECT ${[...keys, "string_agg(point, ',' ORDER BY bucket) AS points"].join(', ')} FROM points ${keys.length > 0 ? `GROUP BY ${keys.join(', ')}` : ''}`
  return { sql, params: params.values }
}

/**
 * A HEATMAP's cells over all matching spans: time bucket × one of HEATMAP_VALUE_BUCKETS equal value buckets from the
 * smallest to the largest value of the column in the range, with the count and example trace of each non-empty cell.
 * One row: `low`, `high` and `cells`, the cells as JSON made by DuckDB in the answer's shape (`HeatmapCell`, bounds
 * computed as run-query.ts documents them): turning 3,000 rows into JavaScript objects cost more than the query.
 */
export function heatmapStatement(spec: QuerySpec, resolve: ColumnResolver, column: QueryColumn): Statement {
  const params = new SqlParams()
  const base = baseSql(spec, resolve, params)
  const value = numberValueSql(resolve(column))
  const bucket = `(start_ns - ${params.add(BigInt(spec.startMs) * 1_000_000n)}) // ${params.add(BigInt(spec.granularityMs) * 1_000_000n)}`
  const time = bucketTimeSql(spec, params, 'bucket')
  const last = HEATMAP_VALUE_BUCKETS - 1
  const sql = `WITH ${base}, valued AS (SELECT *, ${value} AS heat FROM base WHERE ${value} IS NOT NULL AND isfinite(${value})),
    bounds AS (SELECT min(heat) AS low, max(heat) AS high, CASE WHEN max(heat) > min(heat) THEN (max(heat) - min(heat)) / ${HEATMAP_VALUE_BUCKETS} ELSE 0 END AS width FROM valued),
    cells AS (
      SELECT ${bucket} AS bucket,
        CASE WHEN bounds.high = bounds.low THEN 0 ELSE least(${last}, CAST(floor((heat - bounds.low) / ((bounds.high - bounds.low) / ${HEATMAP_VALUE_BUCKETS})) AS INTEGER)) END AS value_bucket,
        trace_id, duration_ms
      FROM valued CROSS JOIN bounds),
    counted AS (SELECT bucket, value_bucket, count(*) AS count, ${cellExampleSql} FROM cells GROUP BY bucket, value_bucket)
    SELECT any_value(bounds.low) AS low, any_value(bounds.high) AS high, to_json(list({
        'time': ${time},
        'lowerBound': bounds.low + value_bucket * bounds.width,
        'upperBound': CASE WHEN bounds.width = 0 OR value_bucket = ${last} THEN bounds.high ELSE (bounds.low + value_bucket * bounds.width) + bounds.width END,
        'count': count,
        'exampleTraceIds': [examples]
      } ORDER BY bucket, value_bucket)) AS cells
    FROM counted CROSS JOIN bounds`
  return { sql, params: params.values }
}
