// The Query page's state is its URL: `/query?q=<the spec as compact JSON>`, a link anyone can open (and paste into
// Honeycomb). Pure functions: spec ⇄ URL params. Reading is lenient (a hand-edited URL keeps what makes sense and says
// what it dropped); the server validates what is run.
import { DEFAULT_QUERY, type FilterScalar, type QuerySpec, type SpecCalculation, type SpecFilter, type SpecHaving, type SpecOrder } from './query-spec'

export const QUERY_PARAM = 'q'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isScalar = (value: unknown): value is FilterScalar =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)
const wholeNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined)

function listOf<T>(value: unknown, read: (item: unknown) => T | undefined, dropped: string[], field: string): T[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    dropped.push(field)
    return []
  }
  const items: T[] = []
  value.forEach((item, index) => {
    const read_ = read(item)
    if (read_ === undefined) dropped.push(`${field}[${index}]`)
    else items.push(read_)
  })
  return items
}

function readCalculation(value: unknown): SpecCalculation | undefined {
  if (!isObject(value) || !text(value.op)) return undefined
  const column = text(value.column)
  return column === undefined ? { op: value.op as string } : { op: value.op as string, column }
}

function readFilter(value: unknown): SpecFilter | undefined {
  if (!isObject(value) || !text(value.column) || !text(value.op)) return undefined
  const filter: SpecFilter = { column: value.column as string, op: value.op as string }
  if (isScalar(value.value)) filter.value = value.value
  else if (Array.isArray(value.value) && value.value.every(isScalar)) filter.value = value.value
  else if (value.value !== undefined && value.value !== null) return undefined
  return filter
}

function readOrder(value: unknown): SpecOrder | undefined {
  if (!isObject(value)) return undefined
  const order: SpecOrder = {}
  if (text(value.op)) order.op = value.op as string
  if (text(value.column)) order.column = value.column as string
  if (value.order === 'ascending' || value.order === 'descending') order.order = value.order
  return order.op || order.column ? order : undefined
}

function readHaving(value: unknown): SpecHaving | undefined {
  if (!isObject(value) || !text(value.calculate_op) || !text(value.op) || typeof value.value !== 'number' || !Number.isFinite(value.value)) return undefined
  const having: SpecHaving = { calculate_op: value.calculate_op as string, op: value.op as string, value: value.value }
  if (text(value.column)) having.column = value.column as string
  return having
}

export interface DecodedQuery {
  spec: QuerySpec
  /** parts of the URL's query that could not be read (they are left out of the spec) */
  dropped: string[]
}

/** The spec in a page URL's params; the default query (COUNT over the last hour) when there is none. */
export function decodeQuery(params: URLSearchParams): DecodedQuery {
  const raw = params.get(QUERY_PARAM)
  if (raw === null || raw.trim() === '') return { spec: DEFAULT_QUERY, dropped: [] }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return { spec: DEFAULT_QUERY, dropped: ['the whole query (not JSON)'] }
  }
  if (!isObject(json)) return { spec: DEFAULT_QUERY, dropped: ['the whole query (not an object)'] }
  const dropped: string[] = []
  const spec: QuerySpec = { calculations: listOf(json.calculations, readCalculation, dropped, 'calculations') }
  if (spec.calculations.length === 0) spec.calculations = [{ op: 'COUNT' }]
  const filters = listOf(json.filters, readFilter, dropped, 'filters')
  if (filters.length > 0) spec.filters = filters
  if (json.filter_combination === 'OR') spec.filter_combination = 'OR'
  const breakdowns = listOf(json.breakdowns, text, dropped, 'breakdowns')
  if (breakdowns.length > 0) spec.breakdowns = breakdowns
  const orders = listOf(json.orders, readOrder, dropped, 'orders')
  if (orders.length > 0) spec.orders = orders
  const havings = listOf(json.havings, readHaving, dropped, 'havings')
  if (havings.length > 0) spec.havings = havings
  for (const field of ['limit', 'time_range', 'start_time', 'end_time', 'granularity'] as const) {
    if (json[field] === undefined) continue
    const value = wholeNumber(json[field])
    if (value === undefined) dropped.push(field)
    else spec[field] = value
  }
  if (spec.time_range === undefined && spec.start_time === undefined && spec.end_time === undefined) spec.time_range = DEFAULT_QUERY.time_range
  return { spec, dropped }
}

/** The spec as compact JSON, fields in a fixed order, empty lists and defaults (AND) left out: short, stable links. */
export function compactSpecJson(spec: QuerySpec): string {
  const compact: Record<string, unknown> = { calculations: spec.calculations }
  if (spec.filters?.length) compact.filters = spec.filters
  if (spec.filter_combination === 'OR') compact.filter_combination = 'OR'
  if (spec.breakdowns?.length) compact.breakdowns = spec.breakdowns
  if (spec.orders?.length) compact.orders = spec.orders
  if (spec.havings?.length) compact.havings = spec.havings
  for (const field of ['limit', 'time_range', 'start_time', 'end_time', 'granularity'] as const) {
    if (spec[field] !== undefined) compact[field] = spec[field]
  }
  return JSON.stringify(compact)
}

export function encodeQuery(spec: QuerySpec): URLSearchParams {
  return new URLSearchParams({ [QUERY_PARAM]: compactSpecJson(spec) })
}

/** A link to the Query page that runs this spec. */
export function queryHref(spec: QuerySpec): string {
  return `/query?${encodeQuery(spec).toString()}`
}
