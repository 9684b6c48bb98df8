import { columnName, knownColumnType, parseColumn, SPAN_KIND_NAMES, type QueryColumn } from './query-columns.js'
import { FILTER_OPS, isOneOf } from './query-ops.js'
import { QuerySpecError } from './query-spec-error.js'

export type FilterScalar = string | number | boolean

/** A WHERE condition, its value typed by its op (and by the column, for intrinsic fields). */
export type QueryFilter =
  | { op: 'exists' | 'does-not-exist'; column: QueryColumn }
  | { op: '=' | '!='; column: QueryColumn; value: FilterScalar }
  | { op: '>' | '>=' | '<' | '<='; column: QueryColumn; value: number }
  | { op: 'contains' | 'does-not-contain' | 'starts-with' | 'does-not-start-with'; column: QueryColumn; value: string }
  | { op: 'in' | 'not-in'; column: QueryColumn; values: FilterScalar[] }

export const MAX_IN_VALUES = 1000
export const MAX_FILTER_TEXT_LENGTH = 1024

export interface FilterJson {
  column: string
  op: string
  value?: unknown
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i

/** A number, or a string that spells one: Honeycomb compares a filter value as the column's type. */
function asNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : undefined
  return number !== undefined && Number.isFinite(number) ? number : undefined
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}

/**
 * A scalar as the column takes it. Intrinsic fields have one type, so the value is coerced to it (`status_code =
 * "2"` is 2, `name = 404` is "404") or refused; attribute values differ in type from span to span, so the value is
 * kept as sent and the engine compares it with each span's value.
 */
function scalarFor(column: QueryColumn, value: unknown, where: string): FilterScalar {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new QuerySpecError(`${where}: must be a string, a number or a boolean`)
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new QuerySpecError(`${where}: must be a finite number`)
  if (typeof value === 'string' && value.length > MAX_FILTER_TEXT_LENGTH) {
    throw new QuerySpecError(`${where}: must be at most ${MAX_FILTER_TEXT_LENGTH} characters`)
  }
  const name = columnName(column)
  switch (knownColumnType(column)) {
    case 'number': {
      const number = asNumber(value)
      if (number === undefined) throw new QuerySpecError(`${where}: ${name} is a number; ${show(value)} is not`)
      return number
    }
    case 'boolean':
      if (value === true || value === 'true') return true
      if (value === false || value === 'false') return false
      throw new QuerySpecError(`${where}: ${name} is true or false; ${show(value)} is neither`)
    case 'string': {
      const text = String(value)
      if (name === 'span.kind' && !isOneOf(SPAN_KIND_NAMES, text)) {
        throw new QuerySpecError(`${where}: span.kind is one of ${SPAN_KIND_NAMES.join(', ')}; ${show(value)} is not`)
      }
      return text
    }
    case undefined:
      return value
  }
}

function textFor(column: QueryColumn, op: string, value: unknown, where: string): string {
  if (knownColumnType(column) === 'number' || knownColumnType(column) === 'boolean') {
    throw new QuerySpecError(`${where}: ${op} matches text; ${columnName(column)} is not a text field`)
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new QuerySpecError(`${where}.value: ${op} needs a string`)
  if (typeof value === 'string' && value.length > MAX_FILTER_TEXT_LENGTH) {
    throw new QuerySpecError(`${where}.value: must be at most ${MAX_FILTER_TEXT_LENGTH} characters`)
  }
  return String(value)
}

function numberFor(column: QueryColumn, op: string, value: unknown, where: string): number {
  const type = knownColumnType(column)
  if (type === 'string' || type === 'boolean') throw new QuerySpecError(`${where}: ${op} compares numbers; ${columnName(column)} is not a number`)
  const number = asNumber(value)
  if (number === undefined) throw new QuerySpecError(`${where}.value: ${op} needs a number, not ${show(value)}`)
  return number
}

/** Reads one element of `filters` (its shape already checked); `where` is `filters[i]`. */
export function parseFilter(filter: FilterJson, where: string): QueryFilter {
  const { op, value } = filter
  if (!isOneOf(FILTER_OPS, op)) throw new QuerySpecError(`${where}.op: ${op} is not a filter; use one of ${FILTER_OPS.join(', ')}`)
  const column = parseColumn(filter.column, `${where}.column`)
  switch (op) {
    case 'exists':
    case 'does-not-exist':
      if (value !== undefined && value !== null) throw new QuerySpecError(`${where}.value: ${op} takes no value`)
      return { op, column }
    case '=':
    case '!=':
      return { op, column, value: scalarFor(column, value, `${where}.value`) }
    case '>':
    case '>=':
    case '<':
    case '<=':
      return { op, column, value: numberFor(column, op, value, where) }
    case 'contains':
    case 'does-not-contain':
    case 'starts-with':
    case 'does-not-start-with':
      return { op, column, value: textFor(column, op, value, where) }
    case 'in':
    case 'not-in':
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES) {
        throw new QuerySpecError(`${where}.value: ${op} needs a list of 1 to ${MAX_IN_VALUES} values`)
      }
      return { op, column, values: value.map((item, index) => scalarFor(column, item, `${where}.value[${index}]`)) }
  }
}
