import type { QueryFilter } from './parse-filter.js'
import { columnName } from './query-columns.js'
import type { Calculation, QuerySpec } from './query-spec.js'

/** A Honeycomb Query Specification as JSON, in the shape Honeycomb's API takes. */
export interface HoneycombQuerySpecJson {
  calculations: { op: string; column?: string }[]
  filters: { column: string; op: string; value?: string | number | boolean | (string | number | boolean)[] }[]
  filter_combination: 'AND' | 'OR'
  breakdowns: string[]
  orders: { op?: string; column?: string; order: 'ascending' | 'descending' }[]
  havings: { calculate_op: string; column?: string; op: string; value: number }[]
  limit: number
  time_range?: number
  start_time?: number
  end_time?: number
  granularity: number
}

function calculationJson(calculation: Calculation): { op: string; column?: string } {
  return calculation.op === 'COUNT' ? { op: 'COUNT' } : { op: calculation.op, column: columnName(calculation.column) }
}

function filterJson(filter: QueryFilter): HoneycombQuerySpecJson['filters'][number] {
  const column = columnName(filter.column)
  if ('values' in filter) return { column, op: filter.op, value: [...filter.values] }
  if ('value' in filter) return { column, op: filter.op, value: filter.value }
  return { column, op: filter.op }
}

function calculationAt(spec: QuerySpec, index: number): Calculation {
  const calculation = spec.calculations[index]
  if (!calculation) throw new Error(`no calculation ${index} in the spec`)
  return calculation
}

/**
 * Writes a parsed spec back as Honeycomb JSON, every default spelled out: parsing it with the same `nowMs` gives the
 * same QuerySpec. A range relative to now stays relative (`time_range`); any other is written as absolute times.
 */
export function specToJson(spec: QuerySpec): HoneycombQuerySpecJson {
  const rangeSec = (spec.endMs - spec.startMs) / 1000
  return {
    calculations: spec.calculations.map(calculationJson),
    filters: spec.filters.map(filterJson),
    filter_combination: spec.filterCombination,
    breakdowns: spec.breakdowns.map(columnName),
    orders: spec.orders.map((order) => {
      if (order.by === 'calculation') return { ...calculationJson(calculationAt(spec, order.calculationIndex)), order: order.order }
      const breakdown = spec.breakdowns[order.breakdownIndex]
      if (!breakdown) throw new Error(`no breakdown ${order.breakdownIndex} in the spec`)
      return { column: columnName(breakdown), order: order.order }
    }),
    havings: spec.havings.map((having) => {
      const { op, column } = calculationJson(calculationAt(spec, having.calculationIndex))
      return { calculate_op: op, ...(column === undefined ? {} : { column }), op: having.op, value: having.value }
    }),
    limit: spec.limit,
    ...(spec.relativeToNow ? { time_range: rangeSec } : { start_time: spec.startMs / 1000, end_time: spec.endMs / 1000 }),
    granularity: spec.granularityMs / 1000,
  }
}
