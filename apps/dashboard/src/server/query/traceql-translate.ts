import 'server-only'
import { traceqlString } from '../tempo-trace-source'
import type { QueryColumn, QueryFilter, QuerySpec } from '@spanlight/trace-store/helpers'
import { calculationLabel, columnName, type Calculation } from './honeycomb-spec'
import type { ClauseNote } from './query-source'

// A Honeycomb Query Specification as TraceQL metrics queries (Tempo `GET /api/metrics/query_range`, docs
// docs/sources/tempo/api_docs/_index.md and metrics-from-traces/metrics-queries/functions.md). The filters become one
// spanset filter, each calculation a metrics function over it, the breakdowns its `by (…)`. What TraceQL cannot say is
// collected, every clause by name, and the whole spec is refused: a dropped filter would answer another question.

type GroupValue = string | number | boolean | null
type FilterScalar = string | number | boolean
type IntrinsicName = Extract<QueryColumn, { kind: 'intrinsic' }>['name']

/** A Honeycomb column as TraceQL names it, and how a `by()` label's value reads back as the column's value. */
interface TraceqlField {
  expr: string
  kind: 'duration' | 'number' | 'string' | 'enum' | 'attribute'
  decode?: (value: GroupValue) => GroupValue
}

const STATUS_NAMES = ['unset', 'ok', 'error'] as const
const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const

/** Honeycomb's names for the span's own fields (as the store reads them, query-columns.ts) in TraceQL. */
const INTRINSICS: Record<IntrinsicName, TraceqlField | string> = {
  duration_ms: { expr: 'duration', kind: 'duration' },
  name: { expr: 'name', kind: 'string' },
  'service.name': { expr: 'resource.service.name', kind: 'string' },
  'span.kind': { expr: 'kind', kind: 'enum' },
  status_code: {
    expr: 'status',
    kind: 'enum',
    decode: (value) => (typeof value === 'string' && (STATUS_NAMES as readonly string[]).includes(value) ? STATUS_NAMES.indexOf(value as never) : value),
  },
  status_message: { expr: 'statusMessage', kind: 'string' },
  error: { expr: 'status', kind: 'enum', decode: (value) => (value === 'error' ? true : null) },
  'trace.trace_id': { expr: 'trace:id', kind: 'string' },
  'trace.span_id': { expr: 'span:id', kind: 'string' },
  'trace.parent_id': { expr: 'span:parentID', kind: 'string' },
  'library.name': { expr: 'instrumentation:name', kind: 'string' },
  'library.version': { expr: 'instrumentation:version', kind: 'string' },
  'span.num_events': 'TraceQL has no count of a span’s events',
  'span.num_links': 'TraceQL has no count of a span’s links',
}
/** Characters that end an attribute name in TraceQL (its lexer), so a key holding one is written quoted. */
const NAME_BREAK = /[\s{}()=~!<>&|^,"\\]/

/** `.http.route`, or `."odd key"`: an attribute of the span or of its resource, as Honeycomb's columns are. */
function attributeExpr(key: string): string {
  return NAME_BREAK.test(key) ? `.${traceqlString(key)}` : `.${key}`
}

/** The column in TraceQL, or why TraceQL cannot name it. (The store's parser has refused relational fields.) */
function fieldFor(column: QueryColumn): TraceqlField | string {
  return column.kind === 'intrinsic' ? INTRINSICS[column.name] : { expr: attributeExpr(column.key), kind: 'attribute' }
}

/** The quantile a percentile op names (P95 → 0.95, P999 → 0.999, P001 → 0.001), or undefined for other ops. */
function percentileQuantile(op: string): number | undefined {
  return /^P\d+$/.test(op) ? Number(`0.${op.slice(1)}`) : undefined
}

/** TraceQL duration literal from ms: whole ms, else µs, else ns. */
function durationLiteral(ms: number): string {
  if (Number.isInteger(ms)) return `${ms}ms`
  const us = ms * 1000
  return Number.isInteger(us) ? `${us}us` : `${Math.round(ms * 1_000_000)}ns`
}

function literal(value: FilterScalar): string {
  return typeof value === 'string' ? traceqlString(value) : String(value)
}

/** RE2 with its metacharacters escaped: TraceQL regexes match the whole value, so `contains x` is `.*x.*`. */
function regexLiteral(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
}

function enumLiteral(column: string, value: FilterScalar): string | undefined {
  if (column === 'status_code') {
    const code = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN
    return STATUS_NAMES[code]
  }
  const name = String(value)
  return (SPAN_KINDS as readonly string[]).includes(name) ? name : undefined
}

/** One filter as a TraceQL condition, or why it has none. */
function filterCondition(filter: QueryFilter): string | { problem: string } {
  const field = fieldFor(filter.column)
  if (typeof field === 'string') return { problem: field }
  const { op } = filter
  const column = columnName(filter.column)
  const scalar = ('value' in filter ? filter.value : '') as FilterScalar
  const values = 'values' in filter ? filter.values : []

  // fields that are not what they seem in TraceQL first
  if (column === 'error') {
    const isError = op === 'exists' || (op === '=' && String(scalar) === 'true') || (op === '!=' && String(scalar) === 'false')
    const isNotError = op === 'does-not-exist' || (op === '=' && String(scalar) === 'false') || (op === '!=' && String(scalar) === 'true')
    if (isError) return 'status = error'
    if (isNotError) return 'status != error'
    return { problem: `error ${op} has no TraceQL equivalent (error is status = error)` }
  }
  if (column === 'trace.parent_id' && (op === 'exists' || op === 'does-not-exist')) {
    // a root span has no parent: Tempo marks it with nestedSetParent < 0 (what Grafana's Traces Drilldown sends)
    return op === 'exists' ? 'nestedSetParent >= 0' : 'nestedSetParent < 0'
  }
  if (op === 'exists') return `${field.expr} != nil`
  if (op === 'does-not-exist') return `${field.expr} = nil`

  if (field.kind === 'enum') {
    const one = (value: FilterScalar) => enumLiteral(column, value)
    if (op === '=' || op === '!=') {
      const name = one(scalar)
      return name ? `${field.expr} ${op} ${name}` : { problem: `${column} ${op} ${JSON.stringify(scalar)} names no ${field.expr} in TraceQL` }
    }
    if (op === 'in' || op === 'not-in') {
      const names = values.map(one)
      if (names.some((name) => name === undefined)) return { problem: `${column} ${op}: a value names no ${field.expr} in TraceQL` }
      return op === 'in'
        ? `(${names.map((name) => `${field.expr} = ${name}`).join(' || ')})`
        : `(${names.map((name) => `${field.expr} != ${name}`).join(' && ')})`
    }
    return { problem: `${column} ${op}: ${field.expr} is an enum in TraceQL, compared only with = and !=` }
  }

  const valueLiteral = (value: FilterScalar): string | undefined => {
    if (field.kind !== 'duration') return literal(value)
    const ms = typeof value === 'number' ? value : Number(value)
    return Number.isFinite(ms) && ms >= 0 ? durationLiteral(ms) : undefined
  }
  switch (op) {
    case '=':
    case '!=':
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (field.kind === 'string' && op !== '=' && op !== '!=') return { problem: `${column} ${op}: ${column} is not a number` }
      const text = valueLiteral(scalar)
      return text === undefined ? { problem: `${column} ${op}: ${JSON.stringify(scalar)} is not a duration in ms` } : `${field.expr} ${op} ${text}`
    }
    case 'in':
    case 'not-in': {
      const texts = values.map(valueLiteral)
      if (texts.some((text) => text === undefined)) return { problem: `${column} ${op}: a value is not a duration in ms` }
      return op === 'in'
        ? `(${texts.map((text) => `${field.expr} = ${text}`).join(' || ')})`
        : `(${texts.map((text) => `${field.expr} != ${text}`).join(' && ')})`
    }
    case 'contains':
    case 'does-not-contain':
    case 'starts-with':
    case 'does-not-start-with': {
      if (field.kind === 'duration' || field.kind === 'number') return { problem: `${column} ${op}: ${column} is not text` }
      const escaped = regexLiteral(String(scalar))
      const pattern = op === 'contains' || op === 'does-not-contain' ? `.*${escaped}.*` : `${escaped}.*`
      return `${field.expr} ${op.startsWith('does-not') ? '!~' : '=~'} ${traceqlString(pattern)}`
    }
  }
}

/** The spanset filter of a list of filters (`{ }` for none); problems are pushed, named by `where`. */
export function spansetFilter(filters: QueryFilter[], combination: 'AND' | 'OR', where: string, problems: ClauseNote[]): string {
  const conditions: string[] = []
  filters.forEach((filter, index) => {
    const condition = filterCondition(filter)
    if (typeof condition === 'string') conditions.push(condition)
    else problems.push({ clause: `${where}[${index}]: ${columnName(filter.column)} ${filter.op}`, message: condition.problem })
  })
  return conditions.length === 0 ? '{ }' : `{ ${conditions.join(combination === 'AND' ? ' && ' : ' || ')} }`
}

/** How a calculation's answer is read: the Tempo function, the factor from its unit to Honeycomb's, how totals are had. */
export interface PlannedCalculation {
  index: number
  label: string
  calculation: Calculation
  /** the range query (`GET /api/metrics/query_range`) */
  traceql: string
  /** multiply Tempo's values by this: durations come in seconds, Honeycomb's duration_ms in ms */
  scale: number
  /** value: one number per bucket; rate: the change from the bucket before, per second; heatmap: a histogram */
  shape: 'value' | 'rate' | 'heatmap'
  /** a group's total over the range: from its buckets (sum, min, max), from an instant query, or none (RATE_*) */
  total: 'sum' | 'min' | 'max' | 'instant' | 'none'
}

export interface BreakdownField {
  column: string
  expr: string
  decode: (value: GroupValue) => GroupValue
}

export interface TempoPlan {
  filter: string
  breakdowns: BreakdownField[]
  calculations: PlannedCalculation[]
  appliedByDashboard: ClauseNote[]
}

const OVER_TIME = { SUM: 'sum_over_time', AVG: 'avg_over_time', MIN: 'min_over_time', MAX: 'max_over_time' } as const
const RATE_BASE = { RATE_SUM: 'SUM', RATE_AVG: 'AVG', RATE_MAX: 'MAX' } as const

/** The TraceQL function of one calculation (without `by`), or why there is none. */
function metricsFunction(
  calculation: Calculation,
): { fn: string; scale: number; shape: PlannedCalculation['shape']; total: PlannedCalculation['total'] } | string {
  if (calculation.op === 'COUNT') return { fn: 'count_over_time()', scale: 1, shape: 'value', total: 'sum' }
  if (calculation.op === 'COUNT_DISTINCT') return 'TraceQL metrics have no distinct count'
  const { op } = calculation
  const field = fieldFor(calculation.column)
  if (typeof field === 'string') return field
  if (field.kind !== 'duration' && field.kind !== 'attribute') return `${columnName(calculation.column)} is not numeric in TraceQL`
  const scale = field.kind === 'duration' ? 1000 : 1
  if (op === 'HEATMAP') return { fn: `histogram_over_time(${field.expr})`, scale, shape: 'heatmap', total: 'none' }
  const quantile = percentileQuantile(op)
  if (quantile !== undefined) return { fn: `quantile_over_time(${field.expr}, ${quantile})`, scale, shape: 'value', total: 'instant' }
  if (op === 'SUM' || op === 'MIN' || op === 'MAX' || op === 'AVG') {
    return {
      fn: `${OVER_TIME[op]}(${field.expr})`,
      scale,
      shape: 'value',
      total: op === 'SUM' ? 'sum' : op === 'MIN' ? 'min' : op === 'MAX' ? 'max' : 'instant',
    }
  }
  const base = RATE_BASE[op as keyof typeof RATE_BASE]
  return { fn: `${OVER_TIME[base]}(${field.expr})`, scale, shape: 'rate', total: 'none' }
}

/** Why a column cannot be a `by()` label, or its field. */
function breakdownField(column: QueryColumn): BreakdownField | string {
  const field = fieldFor(column)
  if (typeof field === 'string') return field
  if (field.kind === 'duration') return 'a duration is not a group; use a HEATMAP or percentiles'
  if (columnName(column) === 'trace.parent_id') return 'TraceQL does not group by a parent span id'
  return { column: columnName(column), expr: field.expr, decode: field.decode ?? ((value) => value) }
}

/**
 * Translates a spec into TraceQL metrics queries, one per calculation. Throws nothing: the caller refuses the spec when
 * `problems` is not empty after this, so the user sees every clause Tempo cannot answer at once.
 */
export function translateSpec(spec: QuerySpec, problems: ClauseNote[]): TempoPlan {
  const filter = spansetFilter(spec.filters, spec.filterCombination, 'filters', problems)
  const breakdowns: BreakdownField[] = []
  spec.breakdowns.forEach((column, index) => {
    const field = breakdownField(column)
    if (typeof field === 'string') problems.push({ clause: `breakdowns[${index}]: ${columnName(column)}`, message: field })
    else breakdowns.push(field)
  })
  const by = breakdowns.length > 0 ? ` by (${breakdowns.map((field) => field.expr).join(', ')})` : ''
  const calculations: PlannedCalculation[] = []
  spec.calculations.forEach((calculation, index) => {
    const label = calculationLabel(calculation)
    const planned = metricsFunction(calculation)
    if (typeof planned === 'string') {
      problems.push({ clause: `calculations[${index}]: ${label}`, message: planned })
      return
    }
    // a heatmap is over every span the filters keep, as the store's: no groups
    const traceql = `${filter} | ${planned.fn}${planned.shape === 'heatmap' ? '' : by}`
    calculations.push({ index, label, calculation, traceql, scale: planned.scale, shape: planned.shape, total: planned.total })
  })
  const appliedByDashboard: ClauseNote[] = []
  if (spec.havings.length > 0) appliedByDashboard.push({ clause: 'havings', message: 'applied by the dashboard to the totals it computed from Tempo’s series' })
  if (spec.orders.length > 0) appliedByDashboard.push({ clause: 'orders', message: 'applied by the dashboard to the totals it computed from Tempo’s series' })
  appliedByDashboard.push({ clause: 'limit', message: 'the dashboard keeps the first groups after ordering; Tempo returns every group' })
  if (calculations.some((planned) => planned.shape === 'rate')) {
    appliedByDashboard.push({
      clause: 'RATE_*',
      message: 'the change per second from the bucket before, computed by the dashboard from Tempo’s *_over_time series',
    })
  }
  return { filter, breakdowns, calculations, appliedByDashboard }
}

/** What Tempo never answers, for `GET /api/query/capabilities`. */
export const TEMPO_UNSUPPORTED: ClauseNote[] = [
  { clause: 'calculations: COUNT_DISTINCT', message: 'TraceQL metrics have no distinct count' },
  { clause: 'calculations: CONCURRENCY', message: 'TraceQL metrics have no concurrency' },
  { clause: 'columns: span.num_events, span.num_links', message: 'TraceQL has no count of a span’s events or links' },
  { clause: 'columns: root., parent., any., none.', message: 'Honeycomb relational fields have no TraceQL equivalent here' },
  { clause: 'breakdowns: duration_ms, trace.parent_id', message: 'not a group in TraceQL' },
  { clause: 'filters: span.kind and status_code with > >= < <= contains starts-with', message: 'they are enums in TraceQL, compared only with = and !=' },
]

export const TEMPO_APPLIED_BY_DASHBOARD: ClauseNote[] = [
  { clause: 'havings', message: 'applied by the dashboard to the totals it computed from Tempo’s series' },
  { clause: 'orders', message: 'applied by the dashboard to the totals it computed from Tempo’s series' },
  { clause: 'limit', message: 'the dashboard keeps the first groups after ordering; Tempo returns every group' },
  { clause: 'RATE_*', message: 'computed by the dashboard from Tempo’s *_over_time series' },
]
