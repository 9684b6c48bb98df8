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
  /** `sampledSpans`: the baseline was read through a sample of this many spans, its value counts scaled to `count` */
  baseline: { count: number; sampledSpans?: number }
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
  return `population AS NOT MATERIALIZED (SELECT *, rowid AS row_id, ${selected} AS sel FROM spans WHERE ${whereSql(spec.query, resolve, params)})`
}

/**
 * The spans whose values are counted, as a CTE named `kept`: the whole selection and, when the baseline is sampled, the
 * baseline's spans whose row id hashes into the first `keptPerMillion` of a million (deterministic, spread over time).
 * `keptPerMillion` is a parameter, or undefined for the `sample` CTE's (sampleSql).
 */
function keptSql(keptPerMillion: string | undefined): string {
  const from = keptPerMillion === undefined ? 'population CROSS JOIN sample' : 'population'
  return `kept AS NOT MATERIALIZED (SELECT population.* FROM ${from} WHERE sel OR hash(row_id) % ${SAMPLE_SCALE} < ${keptPerMillion ?? 'sample.kept_per_million'})`
}

/**
 * Both sides' exact sizes (`sides`) and how much of the baseline is kept (`sample`: `kept_per_million`, a million for
 * all of it): a baseline of more than `baselineSampleSpans` spans (0: no limit) keeps about that many.
 */
function sampleSql(baselineSampleSpans: number, params: SqlParams): string {
  const limit = params.add(baselineSampleSpans)
  return `sides AS (SELECT count(*) FILTER (WHERE sel) AS selected, count(*) FILTER (WHERE NOT sel) AS baseline FROM population),
    sample AS (SELECT CASE WHEN ${limit} > 0 AND baseline > ${limit}
      THEN CAST(greatest(1, round(${SAMPLE_SCALE}.0 * ${limit} / baseline)) AS BIGINT) ELSE ${SAMPLE_SCALE} END AS kept_per_million FROM sides)`
}

const SAMPLE_SCALE = 1_000_000

const isNumberOnly = (sql: ColumnSql) => sql.number !== undefined && sql.text === undefined && sql.boolean === undefined

type Plan = { kind: 'values' } | { kind: 'bins' } | { kind: 'top' }

/** The bin of a number among NUMBER_BINS from `low` to `high` (SQL), NULL without one (least() would put it in the last bin). */
function binSql(value: string, low: string, high: string): string {
  return `CASE WHEN ${value} IS NOT NULL THEN (CASE WHEN ${high} = ${low} THEN 0 ELSE least(${NUMBER_BINS - 1}, CAST(floor((${value} - ${low}) / ((${high} - ${low}) / ${NUMBER_BINS})) AS INTEGER)) END) END`
}

/**
 * One scan of the kept spans, grouped by side: the spans counted, a histogram (value → spans) per field read whole or in
 * bins (the bins span the field's values among all the query's spans), and the spans with each top-values field. Each
 * row also carries both sides' exact sizes and the sample's `kept_per_million`, computed in the same statement.
 */
function histogramStatement(spec: CompareSpec, columns: CompareColumn[], plans: Plan[], resolve: ColumnResolver, baselineSampleSpans: number): Statement {
  const params = new SqlParams()
  const population = populationSql(spec, resolve, params)
  const sample = sampleSql(baselineSampleSpans, params)
  const bounds: string[] = []
  const terms = columns.flatMap((column, index) => {
    const plan = plans[index]!
    const value = groupValueSql(column.sql)
    if (plan.kind === 'values') return [`histogram(${value}) AS h${index}`]
    if (plan.kind === 'top') return [`count(${value}) AS n${index}`]
    bounds.push(`min(${value}) AS lo${index}`, `max(${value}) AS hi${index}`)
    return [
      `histogram(${binSql(value, `bounds.lo${index}`, `bounds.hi${index}`)}) AS h${index}`,
      `any_value(bounds.lo${index}) AS lo${index}`,
      `any_value(bounds.hi${index}) AS hi${index}`,
    ]
  })
  const withBounds = bounds.length > 0 ? `, bounds AS (SELECT ${bounds.join(', ')} FROM population)` : ''
  const sides = 'any_value(sides.selected) AS all_selected, any_value(sides.baseline) AS all_baseline, any_value(sample.kept_per_million) AS kept_per_million'
  const sql = `WITH ${population}, ${sample}, ${keptSql(undefined)}${withBounds}
    SELECT sel, count(*) AS spans, ${sides}${terms.map((term) => `, ${term}`).join('')}
    FROM kept CROSS JOIN sides CROSS JOIN sample${bounds.length > 0 ? ' CROSS JOIN bounds' : ''} GROUP BY sel`
  return { sql, params: params.values }
}

/**
 * Every top-values field's most frequent values in the selection (then in the kept baseline), with their counts on both
 * sides, in one scan (a grouping set per field): rows of `field` (the index among `topColumns`), `value`, `selected`
 * and `baseline`.
 */
function topValuesStatement(spec: CompareSpec, topColumns: CompareColumn[], resolve: ColumnResolver, keptPerMillion: number): Statement {
  const params = new SqlParams()
  const values = topColumns.map((column, index) => `${groupValueSql(column.sql)} AS v${index}`)
  const field = `CASE ${topColumns.map((_, index) => `WHEN GROUPING(v${index}) = 0 THEN ${index}`).join(' ')} END`
  const value = `CASE field ${topColumns.map((_, index) => `WHEN ${index} THEN v${index}`).join(' ')} END`
  const sql = `WITH ${populationSql(spec, resolve, params)}, ${keptSql(params.add(keptPerMillion))},
    counted AS (SELECT ${field} AS field, ${topColumns.map((_, index) => `v${index}`).join(', ')},
        count(*) FILTER (WHERE sel) AS selected, count(*) FILTER (WHERE NOT sel) AS baseline
      FROM (SELECT sel, ${values.join(', ')} FROM kept) GROUP BY GROUPING SETS (${topColumns.map((_, index) => `(v${index})`).join(', ')}))
    SELECT field, ${value} AS value, selected, baseline FROM counted WHERE ${value} IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY field ORDER BY selected DESC, baseline DESC, value) <= ${TOP_TEXT_VALUES}`
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

/**
 * Answers a Compare: every field of the query's spans, ranked by how differently the selection spreads its values. The
 * selection is always read whole; a baseline of more than `baselineSampleSpans` spans (0: no limit) is read through a
 * deterministic sample of about that many, and its counts are scaled to its size (`baseline.sampledSpans` says so).
 */
export async function runCompare(
  spec: CompareSpec,
  columns: CompareColumn[],
  resolve: ColumnResolver,
  run: SqlRunner,
  baselineSampleSpans = 0,
): Promise<CompareResult> {
  const plans: Plan[] = columns.map((column) => {
    if (isNumberOnly(column.sql)) return { kind: column.distinctValues <= NUMBER_RAW_VALUES ? 'values' : 'bins' }
    return { kind: column.distinctValues <= TEXT_RAW_VALUES ? 'values' : 'top' }
  })
  const histograms = await run(histogramStatement(spec, columns, plans, resolve, baselineSampleSpans))
  const selectedRow = histograms.find((row) => row.sel === true)
  const baselineRow = histograms.find((row) => row.sel === false)
  const anyRow = selectedRow ?? baselineRow
  const totals = { selected: toNumber(anyRow?.all_selected), baseline: toNumber(anyRow?.all_baseline) }
  const keptPerMillion = anyRow === undefined ? SAMPLE_SCALE : toNumber(anyRow.kept_per_million)
  const sampled = keptPerMillion < SAMPLE_SCALE
  // what was counted of each side; the baseline's counts are scaled from its kept spans to all of it
  const counted = { selected: toNumber(selectedRow?.spans), baseline: toNumber(baselineRow?.spans) }
  const scale = sampled && counted.baseline > 0 ? totals.baseline / counted.baseline : 1
  const topValuesByColumn = await topValues(spec, columns, plans, resolve, run, keptPerMillion)
  const results: CompareField[] = []
  for (const [index, column] of columns.entries()) {
    const plan = plans[index]!
    const values = new Map<string, CompareValue>()
    let withField: Sides
    let other: Sides = { selected: 0, baseline: 0 }
    if (plan.kind === 'top') {
      withField = { selected: toNumber(selectedRow?.[`n${index}`]), baseline: toNumber(baselineRow?.[`n${index}`]) }
      if (withField.selected + withField.baseline === 0) continue
      for (const value of topValuesByColumn.get(index) ?? []) values.set(String(value.value), value)
      const top = [...values.values()]
      other = {
        selected: withField.selected - top.reduce((sum, value) => sum + value.selected, 0),
        baseline: withField.baseline - top.reduce((sum, value) => sum + value.baseline, 0),
      }
    } else {
      const bounds =
        plan.kind === 'bins'
          ? {
              low: toNumber(selectedRow?.[`lo${index}`] ?? baselineRow?.[`lo${index}`]),
              high: toNumber(selectedRow?.[`hi${index}`] ?? baselineRow?.[`hi${index}`]),
            }
          : undefined
      for (const row of histograms) {
        for (const [key, count] of histogramEntries(row[`h${index}`])) {
          const entry = values.get(String(key)) ?? binValue(bounds, scalar(key))
          if (row.sel === true) entry.selected += count
          else entry.baseline += count
          values.set(String(key), entry)
        }
      }
      withField = [...values.values()].reduce((sum, value) => ({ selected: sum.selected + value.selected, baseline: sum.baseline + value.baseline }), {
        selected: 0,
        baseline: 0,
      })
      if (withField.selected + withField.baseline === 0) continue
    }
    const field = fieldResult(column.name, plan.kind, [...values.values()], withField, counted, other)
    results.push(scale === 1 ? field : scaleBaseline(field, scale))
  }
  results.sort((a, b) => b.score - a.score || a.column.localeCompare(b.column))
  return {
    query: specToJson(spec.query),
    selection: { count: totals.selected },
    baseline: sampled ? { count: totals.baseline, sampledSpans: counted.baseline } : { count: totals.baseline },
    results,
  }
}

/** Each top-values field's top values by its index among all columns, read in one statement (none: no statement). */
async function topValues(
  spec: CompareSpec,
  columns: CompareColumn[],
  plans: Plan[],
  resolve: ColumnResolver,
  run: SqlRunner,
  keptPerMillion: number,
): Promise<Map<number, CompareValue[]>> {
  const indexes = plans.flatMap((plan, index) => (plan.kind === 'top' ? [index] : []))
  const byColumn = new Map<number, CompareValue[]>()
  if (indexes.length === 0) return byColumn
  const rows = await run(
    topValuesStatement(
      spec,
      indexes.map((index) => columns[index]!),
      resolve,
      keptPerMillion,
    ),
  )
  for (const row of rows) {
    const index = indexes[toNumber(row.field)]!
    const values = byColumn.get(index) ?? []
    values.push({ value: scalar(row.value), selected: toNumber(row.selected), baseline: toNumber(row.baseline) })
    byColumn.set(index, values)
  }
  return byColumn
}

/** A field's baseline counts from a sample, scaled to the whole baseline (rounded: they are estimates). */
function scaleBaseline(field: CompareField, scale: number): CompareField {
  const scaled = (count: number) => Math.round(count * scale)
  return {
    ...field,
    values: field.values.map((value) => ({ ...value, baseline: scaled(value.baseline) })),
    otherBaseline: scaled(field.otherBaseline),
    missingBaseline: scaled(field.missingBaseline),
  }
}

function binValue(bounds: { low: number; high: number } | undefined, key: string | number | boolean): CompareValue {
  if (!bounds) return { value: key, selected: 0, baseline: 0 }
  const width = (bounds.high - bounds.low) / NUMBER_BINS
  const from = bounds.low + Number(key) * width
  const to = bounds.high === bounds.low ? bounds.high : Number(key) === NUMBER_BINS - 1 ? bounds.high : from + width
  return { value: `[${from}, ${to}${Number(key) === NUMBER_BINS - 1 ? ']' : ')'}`, from, to, selected: 0, baseline: 0 }
}
