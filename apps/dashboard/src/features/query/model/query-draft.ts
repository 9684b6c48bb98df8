// The builder's rows as the user edits them (every value as typed), and the spec they make. Pure functions.
import { calculationLabel, type FilterScalar, type QuerySpec, type SpecFilter, type SpecOrder } from './query-spec'

export type SortOrder = 'ascending' | 'descending'

export interface QueryDraft {
  calculations: { op: string; column: string }[]
  filters: { column: string; op: string; value: string }[]
  filterCombination: 'AND' | 'OR'
  breakdowns: string[]
  /** `by`: `calc:<label>` (a calculation) or `col:<column>` (a breakdown) */
  orders: { by: string; order: SortOrder }[]
  /** `calculation`: its label, `P95(duration_ms)` */
  havings: { calculation: string; op: string; value: string }[]
  limit: string
  /** seconds before now; null: the custom range below */
  rangeSec: number | null
  /** custom range, unix seconds as text */
  startSec: string
  endSec: string
  /** seconds as text; empty: the server chooses */
  granularitySec: string
}

export const RELATIVE_RANGES: { sec: number; label: string }[] = [
  { sec: 15 * 60, label: 'Last 15 minutes' },
  { sec: 60 * 60, label: 'Last hour' },
  { sec: 24 * 60 * 60, label: 'Last 24 hours' },
]

const NUMERIC_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i

/** One value as typed in a filter: quoted text stays text, so `"404"` finds the string and `404` the number. */
function scalarText(value: FilterScalar): string {
  if (typeof value !== 'string') return String(value)
  const needsQuotes =
    NUMERIC_TEXT.test(value) || value === 'true' || value === 'false' || value.startsWith('"') || value !== value.trim() || value.includes(',')
  return needsQuotes ? JSON.stringify(value) : value
}

function parseScalar(raw: string): FilterScalar {
  const value = raw.trim()
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      const parsed: unknown = JSON.parse(value)
      if (typeof parsed === 'string') return parsed
    } catch {
      // not a JSON string: taken as typed
    }
  }
  if (value === 'true') return true
  if (value === 'false') return false
  if (NUMERIC_TEXT.test(value)) return Number(value)
  return value
}

/** `a, "b, c", 3` → ['a', 'b, c', 3]: commas inside double quotes (JSON strings) do not split. */
function splitList(textValue: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < textValue.length; index++) {
    const char = textValue[index]!
    if (quoted && char === '\\') {
      current += char + (textValue[index + 1] ?? '')
      index++
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === ',' && !quoted) {
      parts.push(current)
      current = ''
      continue
    }
    current += char
  }
  parts.push(current)
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

/** The text a filter's value shows as in the builder. */
export function filterValueText(value: SpecFilter['value']): string {
  if (value === undefined) return ''
  return Array.isArray(value) ? value.map(scalarText).join(', ') : scalarText(value)
}

/** The value a filter sends, from what was typed; the op decides its shape (none, a list, text or a scalar). */
export function parseFilterValue(op: string, textValue: string): SpecFilter['value'] {
  if (op === 'exists' || op === 'does-not-exist') return undefined
  if (op === 'in' || op === 'not-in') return splitList(textValue).map(parseScalar)
  if (op === 'contains' || op === 'does-not-contain' || op === 'starts-with' || op === 'does-not-start-with') {
    const scalar = parseScalar(textValue)
    return typeof scalar === 'string' ? scalar : textValue.trim()
  }
  return parseScalar(textValue)
}

/** `P95(duration_ms)` → { op: 'P95', column: 'duration_ms' }; `COUNT` → { op: 'COUNT' }. */
export function parseCalculationLabel(label: string): { op: string; column?: string } {
  const match = /^([A-Z0-9_]+)\((.+)\)$/s.exec(label)
  return match ? { op: match[1]!, column: match[2]! } : { op: label }
}

function orderKey(order: SpecOrder): string {
  return order.op ? `calc:${calculationLabel({ op: order.op, column: order.column })}` : `col:${order.column ?? ''}`
}

export function specToDraft(spec: QuerySpec): QueryDraft {
  const absolute = spec.start_time !== undefined || spec.end_time !== undefined
  const rangeSec = spec.time_range ?? 3600
  return {
    calculations: spec.calculations.map((calculation) => ({ op: calculation.op, column: calculation.column ?? '' })),
    filters: (spec.filters ?? []).map((filter) => ({ column: filter.column, op: filter.op, value: filterValueText(filter.value) })),
    filterCombination: spec.filter_combination ?? 'AND',
    breakdowns: [...(spec.breakdowns ?? [])],
    orders: (spec.orders ?? []).map((order) => ({ by: orderKey(order), order: order.order ?? 'ascending' })),
    havings: (spec.havings ?? []).map((having) => ({
      calculation: calculationLabel({ op: having.calculate_op, column: having.column }),
      op: having.op,
      value: String(having.value),
    })),
    limit: spec.limit === undefined ? '' : String(spec.limit),
    rangeSec: absolute ? null : rangeSec,
    startSec: spec.start_time !== undefined ? String(spec.start_time) : spec.end_time !== undefined ? String(spec.end_time - rangeSec) : '',
    endSec: spec.end_time !== undefined ? String(spec.end_time) : spec.start_time !== undefined ? String(spec.start_time + rangeSec) : '',
    granularitySec: spec.granularity === undefined ? '' : String(spec.granularity),
  }
}

/** A whole number typed in a field, or undefined when it is empty; other text is kept as NaN for the server to refuse. */
function typedNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value.trim())
}

/**
 * The spec the builder's rows make. Rows left without a column (an empty GROUP BY row, a WHERE row without a field)
 * are left out; everything else is sent as typed, so the server's 400 can name what is wrong.
 */
export function draftToSpec(draft: QueryDraft): QuerySpec {
  const calculations = draft.calculations
    .filter((calculation) => calculation.op !== '')
    .map((calculation) =>
      calculation.op === 'COUNT' || calculation.column.trim() === '' ? { op: calculation.op } : { op: calculation.op, column: calculation.column.trim() },
    )
  const spec: QuerySpec = { calculations: calculations.length > 0 ? calculations : [{ op: 'COUNT' }] }
  const filters = draft.filters
    .filter((filter) => filter.column.trim() !== '')
    .map((filter): SpecFilter => {
      const value = parseFilterValue(filter.op, filter.value)
      return value === undefined ? { column: filter.column.trim(), op: filter.op } : { column: filter.column.trim(), op: filter.op, value }
    })
  if (filters.length > 0) spec.filters = filters
  if (draft.filterCombination === 'OR') spec.filter_combination = 'OR'
  const breakdowns = draft.breakdowns.map((column) => column.trim()).filter((column) => column !== '')
  if (breakdowns.length > 0) spec.breakdowns = breakdowns
  const orders = draft.orders
    .filter((order) => /^(calc|col):./s.test(order.by))
    .map((order): SpecOrder => {
      const target = order.by.slice(order.by.indexOf(':') + 1)
      return order.by.startsWith('calc:') ? { ...parseCalculationLabel(target), order: order.order } : { column: target, order: order.order }
    })
  if (orders.length > 0) spec.orders = orders
  const havings = draft.havings
    .filter((having) => having.calculation !== '' && having.value.trim() !== '')
    .map((having) => {
      const { op, column } = parseCalculationLabel(having.calculation)
      return { calculate_op: op, ...(column === undefined ? {} : { column }), op: having.op, value: Number(having.value.trim()) }
    })
  if (havings.length > 0) spec.havings = havings
  const limit = typedNumber(draft.limit)
  if (limit !== undefined) spec.limit = limit
  if (draft.rangeSec === null) {
    const start = typedNumber(draft.startSec)
    const end = typedNumber(draft.endSec)
    if (start !== undefined) spec.start_time = start
    if (end !== undefined) spec.end_time = end
    if (start === undefined && end === undefined) spec.time_range = 3600
  } else {
    spec.time_range = draft.rangeSec
  }
  const granularity = typedNumber(draft.granularitySec)
  if (granularity !== undefined) spec.granularity = granularity
  return spec
}

/** What ORDER BY and HAVING rows can name: the calculations (but HEATMAP) and the breakdowns, as `by` keys and labels. */
export function orderTargets(draft: QueryDraft): { key: string; label: string }[] {
  const calculations = draftToSpec({ ...draft, filters: [], orders: [], havings: [] }).calculations.filter((calculation) => calculation.op !== 'HEATMAP')
  const breakdowns = draft.breakdowns.map((column) => column.trim()).filter((column) => column !== '')
  return [
    ...calculations.map((calculation) => ({ key: `calc:${calculationLabel(calculation)}`, label: calculationLabel(calculation) })),
    ...breakdowns.map((column) => ({ key: `col:${column}`, label: column })),
  ]
}
