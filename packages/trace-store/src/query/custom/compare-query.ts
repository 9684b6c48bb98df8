import { filterSql, groupValueSql, INTRINSIC_SQL, SqlParams, type ColumnResolver, type ColumnSql } from './column-sql.js'
import type { CompareSpec } from './compare-spec.js'
import { whereSql, type Statement } from './query-sql.js'
import type { SqlRunner } from './run-query.js'
import { specToJson, type HoneycombQuerySpecJson } from './spec-to-json.js'

// Compare ("what's different", as Honeycomb's BubbleUp and Tempo's compare()): for every field, how differently its
// values are spread among the selected spans and among the rest, ranked by the total variation distance of the two
// distributions (half the sum over values of the difference in share; 0 = alike, 1 = no value in common). Spans
// without the field count as one more value. Fields with many values are summarised so the distance means something
// (a field unique per span would otherwise differ "completely" by chance):
// - a number field with more than NUMBER_RAW_VALUES values: NUMBER_BINS equal bins from its smallest to largest value;
// - a text field with more than TEXT_RAW_VALUES values: its TOP_TEXT_VALUES most frequent in the selection, the rest
//   as one "other" value.
// Which of these applies is decided by how many values the field has had among all the spans the index was given
// (kept as they are appended, counted up to DISTINCT_VALUES_KEPT): a statistic per query cost more than the rest of it.

export const NUMBER_RAW_VALUES = 20
export const NUMBER_BINS = 10
export const TEXT_RAW_VALUES = 50
export const TOP_TEXT_VALUES = 10
/** the values shown per field (the distance is taken over all of them) */
export const SHOWN_VALUES = 20
/** distinct values are counted up to this many: enough to tell a field with many values from one with few */
export const DISTINCT_VALUES_KEPT = TEXT_RAW_VALUES + 1

/** Intrinsic fields compared: ids, times and free text would be noise; duration usually defines the selection. */
const COMPARED_INTRINSICS = ['service.name', 'name', 'span.kind', 'status_code', 'library.name'] as const

export interface CompareColumn {
  name: string
  sql: ColumnSql
  /** distinct values among all indexed spans, counted up to DISTINCT_VALUES_KEPT */
  distinctValues: number
}

export interface CompareValue {
  /** the value, or for a binned number field `[from, to)` as text, with from and to */
  value: string | number | boolean
  from?: number
  to?: number
  selected: number
  baseline: number
}

export interface CompareField {
  column: string
  /** total variation distance between the selection's and the baseline's distribution of the field, 0 to 1 */
  score: number
  /** how the values were read: as they are, in equal bins, or the top values and the rest */
  summary: 'values' | 'bins' | 'top'
  /** the values whose share differs most, at most SHOWN_VALUES */
  values: CompareValue[]
  /** spans in values not shown (for `top`: every value but the top ones) */
  otherSelected: number
  otherBaseline: number
  /** spans without the field */
  missingSelected: number
  missingBaseline: number
}

export interface CompareResult {
  query: HoneycombQuerySpecJson
  selection: { count: number }
  baseline: { count: number }
  results: CompareField[]
}

/** Every compared field: the intrinsic ones, then every attribute key the index has, by name. */
export function compareColumns(attributeKeys: readonly string[], resolve: ColumnResolver, distinctValues: (name: string) => number): CompareColumn[] {
  return [
    ...COMPARED_INTRINSICS.map((name) => ({ name, sql: INTRINSIC_SQL[name], distinctValues: distinctValues(name) })),
    ...[...attributeKeys].sort().map((key) => ({ name: key, sql: resolve({ kind: 'attribute', key }), distinctValues: distinctValues(key) })),
  ]
}

/** `sel` (is the span selected) over the query's spans, as a CTE named `population`. */
function populationSql(spec: CompareSpec, resolve: ColumnResolver, params: SqlParams): string {
  const terms = spec.selectionFilters.map((filter) => `(${filterSql(filter, resolve, params)})`)
  if (spec.selectionStartMs !== undefined) terms.push(`start_ns >= ${params.add(BigInt(spec.selectionStartMs) * 1_000_000n)}`)
  if (spec.selectionEndMs !== undefined) terms.push(`start_ns < ${params.add(BigInt(spec.selectionEndMs) * 1_000_000n)}`)
  const selected = `coalesce(${terms.join(' AND ')}, false)`
  return `population AS NOT MATERIALIZED (SELECT *, ${selected} AS sel FROM spans WHERE ${whereSql(spec.query, resolve, params)})`
}

const isNumberOnly = (sql: ColumnSql) => sql.number !== undefined && sql.text === undefined && sql.boolean === undefined

/** Per side, the spans and the spans with each field; for a number field read in bins, its range. */
function statsStatement(spec: CompareSpec, columns: CompareColumn[], plans: Plan[], resolve: ColumnResolver): Statement {
  const params = new SqlParams()
  const terms = columns.flatMap((column, index) => {
    const value = groupValueSql(column.sql)
    const stats = [`count(${value}) FILTER (WHERE sel) AS s${index}`, `count(${value}) FILTER (WHERE NOT sel) AS b${index}`]
    if (plans[index]!.kind === 'bins') stats.push(`min(${value}) AS lo${index}`, `max(${value}) AS hi${index}`)
    return stats
  })
  const sql = `WITH ${populationSql(spec, resolve, params)}
    SELECT count(*) FILTER (WHERE sel) AS selected, count(*) FILTER (WHERE NOT sel) AS baseline, ${terms.join(', ')} FROM population`
  return { sql, params: params.values }
}

type Plan = { kind: 'values' } | { kind: 'bins'; low: number; high: number } | { kind: 'top' }

/** The bin of a number, NULL without one (least() would skip the NULL and put the span in the last bin). */
function binSql(value: string, low: number, high: number, params: SqlParams): string {
  if (high === low) return `CASE WHEN ${value} IS NOT NULL THEN 0 END`
  return `CASE WHEN ${value} IS NOT NULL THEN least(${NUMBER_BINS - 1}, CAST(floor((${value} - ${params.add(low)}::DOUBLE) / ${params.add((high - low) / NUMBER_BINS)}::DOUBLE) AS INTEGER)) END`
}

/** One scan, grouped by side: a histogram (value → spans) per field read whole or in bins. */
function histogramStatement(spec: CompareSpec, columns: CompareColumn[], plans: Plan[], resolve: ColumnResolver): Statement {
  const params = new SqlParams()
  const population = populationSql(spec, resolve, params)
  const terms = columns.flatMap((column, index) => {
    const plan = plans[index]!
    const value = groupValueSql(column.sql)
    if (plan.kind === 'values') return [`histogram(${value}) AS h${index}`]
    if (plan.kind === 'bins') return [`histogram(${binSql(value, plan.low, plan.high, params)}) AS h${index}`]
    return []
  })
  return { sql: `WITH ${population} SELECT sel, ${terms.join(', ') || '1 AS none'} FROM population GROUP BY sel`, params: params.values }
}

/** A text field's most frequent values in the selection (then in the baseline), with their counts on both sides. */
function topValuesStatement(spec: CompareSpec, column: CompareColumn, resolve: ColumnResolver): Statement {
  const params = new SqlParams()
  const value = groupValueSql(column.sql)
  const sql = `WITH ${populationSql(spec, resolve, params)}
    SELECT ${value} AS value, count(*) FILTER (WHERE sel) AS selected, count(*) FILTER (WHERE NOT sel) AS baseline
    FROM population WHERE ${value} IS NOT NULL GROUP BY value ORDER BY selected DESC, baseline DESC, value LIMIT ${TOP_TEXT_VALUES}`
  return { sql, params: params.values }
}

const toNumber = (value: unknown) => (typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : 0)

/** DuckDB's histogram() as [value, count] pairs (a MAP reads back as entries). */
function histogramEntries(value: unknown): [unknown, number][] {
  if (!value) return []
  if (Array.isArray(value)) return (value as { key: unknown; value: unknown }[]).map((entry) => [entry.key, toNumber(entry.value)])
  if (typeof value === 'object' && 'entries' in (value as object)) {
    return ((value as { entries: { key: unknown; value: unknown }[] }).entries ?? []).map((entry) => [entry.key, toNumber(entry.value)])
  }
  return []
}

function scalar(value: unknown): string | number | boolean {
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value
  return String(value)
}

interface Sides {
  selected: number
  baseline: number
}

/** The field's row: the distance over its values and the missing value, and the values that differ most. */
function fieldResult(column: string, summary: CompareField['summary'], values: CompareValue[], withField: Sides, totals: Sides, other: Sides): CompareField {
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total)
  const gap = (value: Sides) => share(value.selected, totals.selected) - share(value.baseline, totals.baseline)
  const missing = { selected: totals.selected - withField.selected, baseline: totals.baseline - withField.baseline }
  const distance = [...values, other, missing].reduce((sum, value) => sum + Math.abs(gap(value)), 0) / 2
  const ordered = [...values].sort((a, b) => Math.abs(gap(b)) - Math.abs(gap(a)) || String(a.value).localeCompare(String(b.value)))
  const shown = ordered.slice(0, SHOWN_VALUES)
  const hidden = ordered.slice(SHOWN_VALUES)
  return {
    column,
    // rounded so that sums taken in another order rank the same
    score: Math.round(distance * 1e9) / 1e9,
    summary,
    values: shown,
    otherSelected: other.selected + hidden.reduce((sum, value) => sum + value.selected, 0),
    otherBaseline: other.baseline + hidden.reduce((sum, value) => sum + value.baseline, 0),
    missingSelected: missing.selected,
    missingBaseline: missing.baseline,
  }
}

/** Answers a Compare: every field of the query's spans, ranked by how differently the selection spreads its values. */
export async function runCompare(spec: CompareSpec, columns: CompareColumn[], resolve: ColumnResolver, run: SqlRunner): Promise<CompareResult> {
  const plans: Plan[] = columns.map((column) => {
    if (isNumberOnly(column.sql)) return column.distinctValues <= NUMBER_RAW_VALUES ? { kind: 'values' } : { kind: 'bins', low: 0, high: 0 }
    return column.distinctValues <= TEXT_RAW_VALUES ? { kind: 'values' } : { kind: 'top' }
  })
  const [stats] = await run(statsStatement(spec, columns, plans, resolve))
  const totals = { selected: toNumber(stats!.selected), baseline: toNumber(stats!.baseline) }
  // the bins span the field's values among the query's spans
  columns.forEach((_, index) => {
    const plan = plans[index]!
    if (plan.kind === 'bins') plans[index] = { kind: 'bins', low: toNumber(stats![`lo${index}`]), high: toNumber(stats![`hi${index}`]) }
  })
  const histograms = await run(histogramStatement(spec, columns, plans, resolve))
  const results: CompareField[] = []
  for (const [index, column] of columns.entries()) {
    const withField = { selected: toNumber(stats![`s${index}`]), baseline: toNumber(stats![`b${index}`]) }
    if (withField.selected + withField.baseline === 0) continue
    const plan = plans[index]!
    const values = new Map<string, CompareValue>()
    if (plan.kind === 'top') {
      for (const row of await run(topValuesStatement(spec, column, resolve))) {
        values.set(String(row.value), { value: scalar(row.value), selected: toNumber(row.selected), baseline: toNumber(row.baseline) })
      }
      const top = [...values.values()]
      const other = {
        selected: withField.selected - top.reduce((sum, value) => sum + value.selected, 0),
        baseline: withField.baseline - top.reduce((sum, value) => sum + value.baseline, 0),
      }
      results.push(fieldResult(column.name, 'top', top, withField, totals, other))
      continue
    }
    for (const row of histograms) {
      for (const [key, count] of histogramEntries(row[`h${index}`])) {
        const entry = values.get(String(key)) ?? binValue(plan, scalar(key))
        if (row.sel === true) entry.selected += count
        else entry.baseline += count
        values.set(String(key), entry)
      }
    }
    results.push(fieldResult(column.name, plan.kind, [...values.values()], withField, totals, { selected: 0, baseline: 0 }))
  }
  results.sort((a, b) => b.score - a.score || a.column.localeCompare(b.column))
  return { query: specToJson(spec.query), selection: { count: totals.selected }, baseline: { count: totals.baseline }, results }
}

function binValue(plan: Plan, key: string | number | boolean): CompareValue {
  if (plan.kind !== 'bins') return { value: key, selected: 0, baseline: 0 }
  const width = (plan.high - plan.low) / NUMBER_BINS
  const from = plan.low + Number(key) * width
  const to = plan.high === plan.low ? plan.high : Number(key) === NUMBER_BINS - 1 ? plan.high : from + width
  return { value: `[${from}, ${to}${Number(key) === NUMBER_BINS - 1 ? ']' : ')'}`, from, to, selected: 0, baseline: 0 }
}
