import type { FilterScalar, QueryFilter } from './parse-filter.js'
import type { IntrinsicColumnName, QueryColumn } from './query-columns.js'

/**
 * The SQL of one query column in the query index: an expression per value type the column holds on some span. An
 * intrinsic field has one type; an attribute key has one typed column per type its values have had (a key sent as a
 * number by one service and as a string by another has both). A key no span has holds none: it is absent everywhere.
 */
export interface ColumnSql {
  text?: string
  number?: string
  boolean?: string
}

/** The query index's SQL for each intrinsic field (see query-index/span-table.ts for the table). */
export const INTRINSIC_SQL: Record<IntrinsicColumnName, ColumnSql> = {
  duration_ms: { number: 'duration_ms' },
  name: { text: 'name' },
  'service.name': { text: 'service' },
  'span.kind': { text: 'kind' },
  status_code: { number: 'status_code' },
  status_message: { text: "nullif(status_message, '')" },
  // Honeycomb's `error` field: true on errored spans, absent on the others
  error: { boolean: 'CASE WHEN status_code = 2 THEN true END' },
  'trace.trace_id': { text: 'trace_id' },
  'trace.span_id': { text: 'span_id' },
  'trace.parent_id': { text: 'parent_id' },
  'span.num_events': { number: 'num_events' },
  'span.num_links': { number: 'num_links' },
  'library.name': { text: "nullif(library_name, '')" },
  'library.version': { text: "nullif(library_version, '')" },
}

/** Collects the values of a statement's `$n` parameters: no value a user sent is ever spliced into SQL text. */
export class SqlParams {
  readonly values: (string | number | boolean | bigint)[] = []

  add(value: string | number | boolean | bigint): string {
    this.values.push(value)
    // a JavaScript bigint would bind as a 128-bit integer: arithmetic on BIGINT columns with it was 7× slower
    return typeof value === 'bigint' ? `$${this.values.length}::BIGINT` : `$${this.values.length}`
  }
}

export type ColumnResolver = (column: QueryColumn) => ColumnSql

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i

/** A filter value as a number, when it is one or spells one (a numeric attribute compared with "200"). */
function numberOf(value: FilterScalar): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value)
  return undefined
}

function booleanOf(value: FilterScalar): boolean | undefined {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  return undefined
}

/** `200` as text is "200", not "200.0": a number value compared with a string column reads as JavaScript writes it. */
function textOf(value: FilterScalar): string {
  return String(value)
}

/**
 * SQL true when the span's value equals `value`, compared as the span value's own type: a numeric attribute equals
 * 200 and "200", a string attribute equals "200" and 200. NULL (never true) on spans without the field.
 */
function equalsSql(column: ColumnSql, value: FilterScalar, params: SqlParams): string {
  const terms: string[] = []
  const number = numberOf(value)
  if (column.number && number !== undefined) terms.push(`${column.number} = ${params.add(number)}::DOUBLE`)
  if (column.text) terms.push(`${column.text} = ${params.add(textOf(value))}`)
  const boolean = booleanOf(value)
  if (column.boolean && boolean !== undefined) terms.push(`${column.boolean} = ${params.add(boolean)}`)
  return terms.length === 0 ? 'false' : `(${terms.join(' OR ')})`
}

function existsSql(column: ColumnSql): string {
  const terms = [column.text, column.number, column.boolean].filter((sql): sql is string => sql !== undefined).map((sql) => `${sql} IS NOT NULL`)
  return terms.length === 0 ? 'false' : `(${terms.join(' OR ')})`
}

/** The negation of a condition, true where the condition is NULL (the span has no such field). */
function notSql(condition: string): string {
  return `NOT coalesce(${condition}, false)`
}

/** A text value of any type, for `contains` and `starts-with` on a column that also holds numbers or booleans. */
function anyTextSql(column: ColumnSql): string | undefined {
  const terms = [column.text, column.number && numberTextSql(column.number), column.boolean && `CAST(${column.boolean} AS VARCHAR)`].filter(
    (sql): sql is string => typeof sql === 'string',
  )
  if (terms.length === 0) return undefined
  return terms.length === 1 ? terms[0] : `coalesce(${terms.join(', ')})`
}

/** A DOUBLE as text the way JavaScript writes it for whole numbers: 200, not 200.0. */
export function numberTextSql(sql: string): string {
  return `CASE WHEN ${sql} = trunc(${sql}) AND abs(${sql}) < 1e15 THEN CAST(CAST(${sql} AS BIGINT) AS VARCHAR) ELSE CAST(${sql} AS VARCHAR) END`
}

/** The SQL condition of one WHERE filter. */
export function filterSql(filter: QueryFilter, resolve: ColumnResolver, params: SqlParams): string {
  const column = resolve(filter.column)
  switch (filter.op) {
    case 'exists':
      return existsSql(column)
    case 'does-not-exist':
      return `NOT ${existsSql(column)}`
    case '=':
      return equalsSql(column, filter.value, params)
    case '!=':
      return notSql(equalsSql(column, filter.value, params))
    case '>':
    case '>=':
    case '<':
    case '<=':
      return column.number ? `${column.number} ${filter.op} ${params.add(filter.value)}::DOUBLE` : 'false'
    case 'contains':
    case 'does-not-contain': {
      const text = anyTextSql(column)
      const condition = text ? `contains(${text}, ${params.add(filter.value)})` : 'false'
      return filter.op === 'contains' ? condition : notSql(condition)
    }
    case 'starts-with':
    case 'does-not-start-with': {
      const text = anyTextSql(column)
      const condition = text ? `starts_with(${text}, ${params.add(filter.value)})` : 'false'
      return filter.op === 'starts-with' ? condition : notSql(condition)
    }
    case 'in':
    case 'not-in': {
      const condition = `(${filter.values.map((value) => equalsSql(column, value, params)).join(' OR ')})`
      return filter.op === 'in' ? condition : notSql(condition)
    }
  }
}

/**
 * The value a GROUP BY or COUNT_DISTINCT sees: the column's own type when it has one, else its values as text (a
 * key that is a number on some spans and a string on others groups "200" and 200 together). NULL when absent.
 */
export function groupValueSql(column: ColumnSql): string {
  const typed = [column.text, column.number, column.boolean].filter((sql): sql is string => sql !== undefined)
  if (typed.length === 0) return 'NULL'
  if (typed.length === 1) return typed[0]!
  return anyTextSql(column)!
}

/** The numeric values of a column, NULL on spans where it is absent or not a number. */
export function numberValueSql(column: ColumnSql): string {
  return column.number ?? 'CAST(NULL AS DOUBLE)'
}
