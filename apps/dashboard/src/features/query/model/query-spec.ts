import { INTRINSIC_COLUMNS } from '@spanlight/trace-store/helpers'

// The Honeycomb Query Specification as the dashboard's /api/query takes it, and the names the builder offers.
// The server validates every spec (its 400 names the clause); these lists only fill the builder's menus.

// the store's own lists: a builder offers exactly what the store answers
export { CALCULATION_OPS, FILTER_OPS, HAVING_OPS } from '@spanlight/trace-store/helpers'

/** Fields every span has (Honeycomb's names for OpenTelemetry spans); any other column is an attribute key. */
export const BUILT_IN_COLUMNS = Object.keys(INTRINSIC_COLUMNS)

export type FilterScalar = string | number | boolean

export interface SpecCalculation {
  op: string
  column?: string
}

export interface SpecFilter {
  column: string
  op: string
  value?: FilterScalar | FilterScalar[]
}

/** By a calculation (`op`, and `column` unless COUNT) or by a breakdown (`column` alone). */
export interface SpecOrder {
  op?: string
  column?: string
  order?: 'ascending' | 'descending'
}

export interface SpecHaving {
  calculate_op: string
  column?: string
  op: string
  value: number
}

export interface QuerySpec {
  calculations: SpecCalculation[]
  filters?: SpecFilter[]
  filter_combination?: 'AND' | 'OR'
  breakdowns?: string[]
  orders?: SpecOrder[]
  havings?: SpecHaving[]
  limit?: number
  /** seconds before now, or with start_time/end_time unix seconds */
  time_range?: number
  start_time?: number
  end_time?: number
  /** seconds per series bucket; the server picks one when absent */
  granularity?: number
}

/** `COUNT`, `P95(duration_ms)`: how results name a calculation. */
export function calculationLabel(calculation: { op: string; column?: string }): string {
  return calculation.op === 'COUNT' || !calculation.column ? calculation.op : `${calculation.op}(${calculation.column})`
}

export const DEFAULT_TIME_RANGE_SEC = 3600
export const DEFAULT_QUERY: QuerySpec = { calculations: [{ op: 'COUNT' }], time_range: DEFAULT_TIME_RANGE_SEC }
