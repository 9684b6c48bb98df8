import { parseFilter, type QueryFilter } from './parse-filter.js'
import { columnName, knownColumnType, parseColumn, sameColumn, type QueryColumn } from './query-columns.js'
import {
  CALCULATION_OPS,
  FILTER_COMBINATIONS,
  HAVING_OPS,
  isOneOf,
  NUMERIC_CALCULATION_OPS,
  SORT_ORDERS,
  UNSUPPORTED_CALCULATION_OPS,
  type CalculationOp,
  type FilterCombination,
  type HavingOp,
  type NumericCalculationOp,
  type SortOrder,
} from './query-ops.js'
import { QuerySpecError } from './query-spec-error.js'
import { readQuerySpecJson, type QuerySpecJson } from './query-spec-shape.js'
import { resolveQueryTime } from './query-time.js'

/** A VISUALIZE term: COUNT has no column, every other calculation has one. */
export type Calculation = { op: 'COUNT' } | { op: 'COUNT_DISTINCT'; column: QueryColumn } | { op: NumericCalculationOp; column: QueryColumn }

/** An ORDER BY term, resolved to the calculation or breakdown it names (an index into the spec's lists). */
export type QueryOrder = { by: 'calculation'; calculationIndex: number; order: SortOrder } | { by: 'breakdown'; breakdownIndex: number; order: SortOrder }

/** A HAVING term: keeps the groups whose calculation compares so with the value. */
export interface QueryHaving {
  calculationIndex: number
  op: HavingOp
  value: number
}

/** A Honeycomb Query Specification, validated and normalised: what the engine (or the Tempo translation) runs. */
export interface QuerySpec {
  /** at least one: COUNT when the spec gives none, as Honeycomb does; no two alike */
  calculations: Calculation[]
  filters: QueryFilter[]
  /** how `filters` combine; AND when not given */
  filterCombination: FilterCombination
  /** GROUP BY, at most MAX_BREAKDOWNS, no two alike */
  breakdowns: QueryColumn[]
  /** in priority order; empty: the engine's default order */
  orders: QueryOrder[]
  havings: QueryHaving[]
  /** the most groups to return, 1 to MAX_QUERY_LIMIT */
  limit: number
  /** spans that start in [startMs, endMs), both whole seconds */
  startMs: number
  endMs: number
  /** the range was given as `time_range` alone: it ends at the whole second of `nowMs` */
  relativeToNow: boolean
  /** the width of a series bucket; buckets start at startMs */
  granularityMs: number
}

/** Honeycomb's default and (without disable_series) its largest limit. */
export const DEFAULT_QUERY_LIMIT = 100
export const MAX_QUERY_LIMIT = 1000

/** `COUNT`, `P95(duration_ms)`: how Honeycomb names a calculation in its results, and how messages name it. */
export function calculationLabel(calculation: Calculation): string {
  return calculation.op === 'COUNT' ? 'COUNT' : `${calculation.op}(${columnName(calculation.column)})`
}

function sameCalculation(a: Calculation, b: Calculation): boolean {
  if (a.op === 'COUNT' || b.op === 'COUNT') return a.op === b.op
  return a.op === b.op && sameColumn(a.column, b.column)
}

/** The calculation `op` (and `column`) names, checking that the op is one this store answers. */
function readCalculationOp(op: string, where: string): CalculationOp {
  if (isOneOf(CALCULATION_OPS, op)) return op
  const choices = `use one of ${CALCULATION_OPS.join(', ')}`
  if (isOneOf(UNSUPPORTED_CALCULATION_OPS, op)) throw new QuerySpecError(`${where}: ${op} is not supported by this store; ${choices}`)
  throw new QuerySpecError(`${where}: ${op} is not a calculation; ${choices}`)
}

function toCalculation(op: CalculationOp, columnText: string | undefined, where: string): Calculation {
  if (op === 'COUNT') {
    if (columnText !== undefined) throw new QuerySpecError(`${where}: COUNT takes no column`)
    return { op }
  }
  if (columnText === undefined) {
    throw new QuerySpecError(op === 'COUNT_DISTINCT' ? `${where}: COUNT_DISTINCT needs a column` : `${where}: ${op} needs a numeric column, e.g. duration_ms`)
  }
  const column = parseColumn(columnText, `${where}.column`)
  if (op === 'COUNT_DISTINCT') return { op, column }
  const type = knownColumnType(column)
  if (type !== undefined && type !== 'number') {
    throw new QuerySpecError(`${where}: ${op} needs a numeric column; ${columnText} is a ${type}`)
  }
  if (!isOneOf(NUMERIC_CALCULATION_OPS, op)) throw new Error(`unreachable: ${op}`)
  return { op, column }
}

function parseCalculations(json: QuerySpecJson['calculations']): Calculation[] {
  if (json === undefined || json.length === 0) return [{ op: 'COUNT' }]
  const calculations: Calculation[] = []
  json.forEach((raw, index) => {
    const where = `calculations[${index}]`
    const calculation = toCalculation(readCalculationOp(raw.op, `${where}.op`), raw.column, where)
    if (calculations.some((other) => sameCalculation(other, calculation))) {
      throw new QuerySpecError(`${where}: ${calculationLabel(calculation)} is already among the calculations`)
    }
    calculations.push(calculation)
  })
  return calculations
}

function parseBreakdowns(json: QuerySpecJson['breakdowns']): QueryColumn[] {
  const breakdowns: QueryColumn[] = []
  ;(json ?? []).forEach((name, index) => {
    const column = parseColumn(name, `breakdowns[${index}]`)
    if (breakdowns.some((other) => sameColumn(other, column))) throw new QuerySpecError(`breakdowns[${index}]: ${name} is already a breakdown`)
    breakdowns.push(column)
  })
  return breakdowns
}

/** The index of the calculation an order or a having names by op and column. */
function findCalculation(calculations: Calculation[], op: string, columnText: string | undefined, where: string, opField: string, role: string): number {
  const wanted = toCalculation(readCalculationOp(op, `${where}.${opField}`), columnText, where)
  const index = calculations.findIndex((calculation) => sameCalculation(calculation, wanted))
  if (index < 0) throw new QuerySpecError(`${where}: ${role} ${calculationLabel(wanted)}, which is not among the calculations`)
  return index
}

function parseOrders(json: QuerySpecJson['orders'], calculations: Calculation[], breakdowns: QueryColumn[]): QueryOrder[] {
  return (json ?? []).map((raw, index): QueryOrder => {
    const where = `orders[${index}]`
    const order = raw.order ?? 'ascending'
    if (!isOneOf(SORT_ORDERS, order)) throw new QuerySpecError(`${where}.order: must be ascending or descending`)
    if (raw.op !== undefined) {
      const calculationIndex = findCalculation(calculations, raw.op, raw.column, where, 'op', 'orders by')
      if (calculations[calculationIndex]?.op === 'HEATMAP') throw new QuerySpecError(`${where}: a HEATMAP cannot order groups; order by another calculation`)
      return { by: 'calculation', calculationIndex, order }
    }
    if (raw.column === undefined) throw new QuerySpecError(`${where}: needs an op (a calculation) or a column (a breakdown)`)
    const column = parseColumn(raw.column, `${where}.column`)
    const breakdownIndex = breakdowns.findIndex((breakdown) => sameColumn(breakdown, column))
    if (breakdownIndex < 0) throw new QuerySpecError(`${where}: orders by ${raw.column}, which is not among the breakdowns`)
    return { by: 'breakdown', breakdownIndex, order }
  })
}

function parseHavings(json: QuerySpecJson['havings'], calculations: Calculation[]): QueryHaving[] {
  return (json ?? []).map((raw, index) => {
    const where = `havings[${index}]`
    if (raw.calculate_op === 'HEATMAP') throw new QuerySpecError(`${where}.calculate_op: a HEATMAP cannot filter groups`)
    const calculationIndex = findCalculation(calculations, raw.calculate_op, raw.column, where, 'calculate_op', 'filters on')
    if (!isOneOf(HAVING_OPS, raw.op)) throw new QuerySpecError(`${where}.op: ${raw.op} is not a having op; use one of ${HAVING_OPS.join(', ')}`)
    const value = typeof raw.value === 'string' && raw.value.trim() !== '' ? Number(raw.value) : raw.value
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new QuerySpecError(`${where}.value: must be a number`)
    return { calculationIndex, op: raw.op, value }
  })
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_QUERY_LIMIT
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_QUERY_LIMIT) {
    throw new QuerySpecError(`limit: must be a whole number from 1 to ${MAX_QUERY_LIMIT}`)
  }
  return value
}

function parseFilterCombination(value: string | undefined): FilterCombination {
  if (value === undefined) return 'AND'
  if (!isOneOf(FILTER_COMBINATIONS, value)) throw new QuerySpecError('filter_combination: must be AND or OR')
  return value
}

/**
 * Validates a Honeycomb Query Specification (the JSON body of `POST /api/query`) and returns it normalised: times
 * absolute in ms, columns read as intrinsic fields or attribute keys, filter values typed, orders and havings
 * resolved to what they name, defaults applied. Throws a QuerySpecError whose message names the clause and element
 * that is wrong; the route answers it with 400.
 */
export function parseQuerySpec(body: unknown, nowMs: number): QuerySpec {
  const json = readQuerySpecJson(body)
  const calculations = parseCalculations(json.calculations)
  const breakdowns = parseBreakdowns(json.breakdowns)
  const filters = (json.filters ?? []).map((filter, index) => parseFilter(filter, `filters[${index}]`))
  return {
    calculations,
    filters,
    filterCombination: parseFilterCombination(json.filter_combination),
    breakdowns,
    orders: parseOrders(json.orders, calculations, breakdowns),
    havings: parseHavings(json.havings, calculations),
    limit: parseLimit(json.limit),
    ...resolveQueryTime(json, nowMs),
  }
}
