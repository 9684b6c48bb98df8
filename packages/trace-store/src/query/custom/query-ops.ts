/**
 * The operators of Honeycomb's Query Specification (docs.honeycomb.io, "Query Specification"), and which of them this
 * store answers.
 */

/** Percentile calculations and the quantile each one names (P001 is the 0.1th percentile). */
export const PERCENTILE_QUANTILES = {
  P001: 0.001,
  P01: 0.01,
  P05: 0.05,
  P10: 0.1,
  P25: 0.25,
  P50: 0.5,
  P75: 0.75,
  P90: 0.9,
  P95: 0.95,
  P99: 0.99,
  P999: 0.999,
} as const
export type PercentileOp = keyof typeof PERCENTILE_QUANTILES

/** Calculations over a numeric column: values of another type (or none) leave the span out of that calculation. */
export const NUMERIC_CALCULATION_OPS = [
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  ...(Object.keys(PERCENTILE_QUANTILES) as PercentileOp[]),
  'HEATMAP',
  'RATE_AVG',
  'RATE_SUM',
  'RATE_MAX',
] as const
export type NumericCalculationOp = (typeof NUMERIC_CALCULATION_OPS)[number]

export const CALCULATION_OPS = ['COUNT', 'COUNT_DISTINCT', ...NUMERIC_CALCULATION_OPS] as const
export type CalculationOp = (typeof CALCULATION_OPS)[number]

/**
 * Calculations Honeycomb documents that this store refuses by name. CONCURRENCY counts the spans in flight at each
 * moment, which needs every span's interval across bucket edges; not asked for yet.
 */
export const UNSUPPORTED_CALCULATION_OPS = ['CONCURRENCY'] as const

export const FILTER_OPS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'exists',
  'does-not-exist',
  'contains',
  'does-not-contain',
  'starts-with',
  'does-not-start-with',
  'in',
  'not-in',
] as const

/** Honeycomb's documentation lists `= > >= < <=`; its API clients send `!=` too. */
export const HAVING_OPS = ['=', '!=', '>', '>=', '<', '<='] as const
export type HavingOp = (typeof HAVING_OPS)[number]

export const SORT_ORDERS = ['ascending', 'descending'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]

export const FILTER_COMBINATIONS = ['AND', 'OR'] as const
export type FilterCombination = (typeof FILTER_COMBINATIONS)[number]

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}
