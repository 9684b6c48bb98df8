import 'server-only'
import { z } from 'zod'
import { DashboardError } from '../errors'

// A Honeycomb Query Specification (docs.honeycomb.io, "Query Specification") read for a source that does not parse it
// itself: Tempo. The store parses and validates the spec on its own side (packages/trace-store/src/query/custom), so its
// path sends the body on as the browser gave it. The rules here follow the store's wherever they overlap, so a spec
// gets the same answer about its shape whichever source is configured: the same ops, limits, defaults and time range.

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

const CALCULATION_OPS = [
  'COUNT',
  'COUNT_DISTINCT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'HEATMAP',
  'RATE_AVG',
  'RATE_SUM',
  'RATE_MAX',
  'CONCURRENCY',
  ...(Object.keys(PERCENTILE_QUANTILES) as PercentileOp[]),
] as const
export type CalculationOp = (typeof CALCULATION_OPS)[number]

const FILTER_OPS = [
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
export type FilterOp = (typeof FILTER_OPS)[number]
const HAVING_OPS = ['=', '!=', '>', '>=', '<', '<='] as const
export type HavingOp = (typeof HAVING_OPS)[number]

export type FilterScalar = string | number | boolean

export interface SpecCalculation {
  op: CalculationOp
  /** absent for COUNT only */
  column?: string
}
export interface SpecFilter {
  column: string
  op: FilterOp
  /** a scalar for comparisons, a list for in/not-in, absent for exists/does-not-exist */
  value?: FilterScalar | FilterScalar[]
}
export interface SpecOrder {
  /** the calculation this orders by, as an index into `calculations`; or a breakdown column */
  calculationIndex?: number
  breakdownIndex?: number
  order: 'ascending' | 'descending'
}
export interface SpecHaving {
  calculationIndex: number
  op: HavingOp
  value: number
}

/** A spec with its defaults applied and its times absolute (ms). */
export interface HoneycombSpec {
  calculations: SpecCalculation[]
  filters: SpecFilter[]
  filterCombination: 'AND' | 'OR'
  breakdowns: string[]
  orders: SpecOrder[]
  havings: SpecHaving[]
  limit: number
  startMs: number
  endMs: number
  relativeToNow: boolean
  granularityMs: number
}

export const DEFAULT_QUERY_LIMIT = 100
export const MAX_QUERY_LIMIT = 1000
const DEFAULT_TIME_RANGE_SEC = 2 * 60 * 60
const MAX_BUCKETS = 1000
const DEFAULT_MAX_BUCKETS = 200
const ROUND_STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
const MAX_UNIX_SEC = 9_223_372_036

const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined)
const column = z.string({ error: 'must be a column name' }).min(1, { error: 'must be a column name' }).max(256, { error: 'must be at most 256 characters' })
const list = <T extends z.ZodType>(item: T, max: number) => absent(z.array(item, { error: 'must be a list' }).max(max, { error: `at most ${max}` }))
const seconds = absent(z.number({ error: 'must be whole unix seconds' }).int({ error: 'must be whole seconds' }).min(0).max(MAX_UNIX_SEC))

const specShape = z.strictObject(
  {
    calculations: list(z.strictObject({ op: z.string(), column: absent(column) }), 20),
    filters: list(z.strictObject({ column, op: z.string(), value: z.unknown().optional() }), 50),
    filter_combination: absent(z.enum(['AND', 'OR'], { error: 'must be AND or OR' })),
    breakdowns: list(column, 5),
    orders: list(
      z.strictObject({
        op: absent(z.string()),
        column: absent(column),
        order: absent(z.enum(['ascending', 'descending'], { error: 'must be ascending or descending' })),
      }),
      25,
    ),
    havings: list(z.strictObject({ calculate_op: z.string(), column: absent(column), op: z.string(), value: z.unknown().optional() }), 20),
    limit: absent(
      z
        .number({ error: `must be a whole number from 1 to ${MAX_QUERY_LIMIT}` })
        .int()
        .min(1)
        .max(MAX_QUERY_LIMIT),
    ),
    time_range: absent(z.number({ error: 'must be whole seconds' }).int({ error: 'must be whole seconds' }).min(1).max(MAX_UNIX_SEC)),
    start_time: seconds,
    end_time: seconds,
    granularity: absent(z.number({ error: 'must be whole seconds' }).int({ error: 'must be whole seconds' }).min(1)),
    id: z.unknown().optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'the query must be a JSON object (a Honeycomb Query Specification)' : undefined) },
)

function bad(message: string): DashboardError {
  return new DashboardError('bad_request', message)
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

export function calculationLabel(calculation: SpecCalculation): string {
  return calculation.column === undefined ? calculation.op : `${calculation.op}(${calculation.column})`
}

function readCalculation(op: string, columnText: string | undefined, where: string): SpecCalculation {
  if (!isOneOf(CALCULATION_OPS, op)) throw bad(`${where}.op: ${op} is not a calculation`)
  if (op === 'COUNT') {
    if (columnText !== undefined) throw bad(`${where}: COUNT takes no column`)
    return { op }
  }
  if (columnText === undefined) throw bad(`${where}: ${op} needs a column`)
  return { op, column: columnText }
}

function findCalculation(calculations: SpecCalculation[], wanted: SpecCalculation, where: string): number {
  const index = calculations.findIndex((calculation) => calculation.op === wanted.op && calculation.column === wanted.column)
  if (index < 0) throw bad(`${where}: ${calculationLabel(wanted)} is not among the calculations`)
  return index
}

function readScalar(value: unknown, where: string): FilterScalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw bad(`${where}: must be a string, a finite number or a boolean`)
}

function readFilter(raw: { column: string; op: string; value?: unknown }, where: string): SpecFilter {
  const { op, value } = raw
  if (!isOneOf(FILTER_OPS, op)) throw bad(`${where}.op: ${op} is not a filter; use one of ${FILTER_OPS.join(', ')}`)
  if (op === 'exists' || op === 'does-not-exist') {
    if (value !== undefined && value !== null) throw bad(`${where}.value: ${op} takes no value`)
    return { column: raw.column, op }
  }
  if (op === 'in' || op === 'not-in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw bad(`${where}.value: ${op} needs a list of 1 to 1000 values`)
    return { column: raw.column, op, value: value.map((item, index) => readScalar(item, `${where}.value[${index}]`)) }
  }
  const scalar = readScalar(value, `${where}.value`)
  if (
    (op === '>' || op === '>=' || op === '<' || op === '<=') &&
    typeof scalar !== 'number' &&
    !(typeof scalar === 'string' && scalar.trim() !== '' && Number.isFinite(Number(scalar)))
  ) {
    throw bad(`${where}.value: ${op} needs a number`)
  }
  if (op === '>' || op === '>=' || op === '<' || op === '<=') return { column: raw.column, op, value: Number(scalar) }
  if (op !== '=' && op !== '!=' && typeof scalar !== 'string') throw bad(`${where}.value: ${op} needs a string`)
  return { column: raw.column, op, value: scalar }
}

const filtersShape = z
  .array(z.strictObject({ column, op: z.string(), value: z.unknown().optional() }), { error: 'must be a list' })
  .max(50, { error: 'at most 50' })

/** A list of Honeycomb filters on its own (a comparison's selection); `where` names it in messages. */
export function parseFilters(raw: unknown, where: string): SpecFilter[] {
  const parsed = filtersShape.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = pathName(issue.path)
    throw bad(
      `${where}${path ? (path.startsWith('[') ? path : `.${path}`) : ''}: ${issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message}`,
    )
  }
  return parsed.data.map((filter, index) => readFilter(filter, `${where}[${index}]`))
}

function defaultGranularitySec(rangeSec: number): number {
  const floorSec = rangeSec / DEFAULT_MAX_BUCKETS
  return ROUND_STEPS_SEC.find((step) => step >= floorSec) ?? Math.ceil(floorSec / 86400) * 86400
}

function resolveTime(json: z.output<typeof specShape>, nowMs: number): Pick<HoneycombSpec, 'startMs' | 'endMs' | 'relativeToNow' | 'granularityMs'> {
  const { start_time: startSec, end_time: endSec, time_range: givenRangeSec } = json
  if (startSec !== undefined && endSec !== undefined && givenRangeSec !== undefined)
    throw bad('time_range: cannot be combined with both start_time and end_time')
  if (startSec !== undefined && endSec !== undefined && startSec >= endSec) throw bad('start_time: must be before end_time')
  const rangeSec = givenRangeSec ?? DEFAULT_TIME_RANGE_SEC
  let fromSec: number
  let toSec: number
  if (startSec !== undefined) {
    fromSec = startSec
    toSec = endSec ?? Math.min(MAX_UNIX_SEC, startSec + rangeSec)
  } else {
    toSec = endSec ?? Math.floor(nowMs / 1000)
    fromSec = Math.max(0, toSec - rangeSec)
  }
  if (toSec <= fromSec) throw bad('time_range: the range is empty')
  const span = toSec - fromSec
  const minSec = Math.ceil(span / MAX_BUCKETS)
  const granularitySec = json.granularity ?? defaultGranularitySec(span)
  if (granularitySec < minSec || granularitySec > span) {
    throw bad(`granularity: must be a whole number of seconds from ${minSec} to ${span}: a ${span} s time range has from 1 to ${MAX_BUCKETS} buckets`)
  }
  return { startMs: fromSec * 1000, endMs: toSec * 1000, relativeToNow: startSec === undefined && endSec === undefined, granularityMs: granularitySec * 1000 }
}

/** `calculations[1].op`, from zod's path. */
function pathName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '')
}

/**
 * Reads a Honeycomb Query Specification (the body of `POST /api/query`); throws a 400 DashboardError whose message
 * names the field that is wrong (`filters[2].op: …`), as the store's answers do.
 */
export function parseHoneycombSpec(body: unknown, nowMs: number): HoneycombSpec {
  const parsed = specShape.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = pathName(issue.path)
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message
    throw bad(where ? `${where}: ${message}` : message)
  }
  const json = parsed.data
  const calculations: SpecCalculation[] = []
  ;(json.calculations ?? []).forEach((raw, index) => {
    const calculation = readCalculation(raw.op, raw.column, `calculations[${index}]`)
    if (calculations.some((other) => other.op === calculation.op && other.column === calculation.column)) {
      throw bad(`calculations[${index}]: ${calculationLabel(calculation)} is already among the calculations`)
    }
    calculations.push(calculation)
  })
  if (calculations.length === 0) calculations.push({ op: 'COUNT' })
  const breakdowns = json.breakdowns ?? []
  breakdowns.forEach((name, index) => {
    if (breakdowns.indexOf(name) !== index) throw bad(`breakdowns[${index}]: ${name} is already a breakdown`)
  })
  const orders = (json.orders ?? []).map((raw, index): SpecOrder => {
    const where = `orders[${index}]`
    const order = raw.order ?? 'ascending'
    if (raw.op !== undefined) {
      const calculationIndex = findCalculation(calculations, readCalculation(raw.op, raw.column, where), where)
      if (calculations[calculationIndex]!.op === 'HEATMAP') throw bad(`${where}: a HEATMAP cannot order groups; order by another calculation`)
      return { calculationIndex, order }
    }
    if (raw.column === undefined) throw bad(`${where}: needs an op (a calculation) or a column (a breakdown)`)
    const breakdownIndex = breakdowns.indexOf(raw.column)
    if (breakdownIndex < 0) throw bad(`${where}: orders by ${raw.column}, which is not among the breakdowns`)
    return { breakdownIndex, order }
  })
  const havings = (json.havings ?? []).map((raw, index): SpecHaving => {
    const where = `havings[${index}]`
    if (raw.calculate_op === 'HEATMAP') throw bad(`${where}.calculate_op: a HEATMAP cannot filter groups`)
    const calculationIndex = findCalculation(calculations, readCalculation(raw.calculate_op, raw.column, where), where)
    if (!isOneOf(HAVING_OPS, raw.op)) throw bad(`${where}.op: ${raw.op} is not a having op; use one of ${HAVING_OPS.join(', ')}`)
    const value = typeof raw.value === 'string' && raw.value.trim() !== '' ? Number(raw.value) : raw.value
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${where}.value: must be a number`)
    return { calculationIndex, op: raw.op, value }
  })
  return {
    calculations,
    filters: (json.filters ?? []).map((filter, index) => readFilter(filter, `filters[${index}]`)),
    filterCombination: json.filter_combination ?? 'AND',
    breakdowns,
    orders,
    havings,
    limit: json.limit ?? DEFAULT_QUERY_LIMIT,
    ...resolveTime(json, nowMs),
  }
}

/** The spec as run, in Honeycomb's JSON (every default spelled out), for the answer's `query`. */
export function specJson(spec: HoneycombSpec): Record<string, unknown> {
  const calculationJson = (calculation: SpecCalculation) =>
    calculation.column === undefined ? { op: calculation.op } : { op: calculation.op, column: calculation.column }
  return {
    calculations: spec.calculations.map(calculationJson),
    filters: spec.filters.map((filter) => (filter.value === undefined ? { column: filter.column, op: filter.op } : { ...filter })),
    filter_combination: spec.filterCombination,
    breakdowns: [...spec.breakdowns],
    orders: spec.orders.map((order) =>
      order.calculationIndex !== undefined
        ? { ...calculationJson(spec.calculations[order.calculationIndex]!), order: order.order }
        : { column: spec.breakdowns[order.breakdownIndex!], order: order.order },
    ),
    havings: spec.havings.map((having) => {
      const calculation = spec.calculations[having.calculationIndex]!
      return { calculate_op: calculation.op, ...(calculation.column === undefined ? {} : { column: calculation.column }), op: having.op, value: having.value }
    }),
    limit: spec.limit,
    ...(spec.relativeToNow ? { time_range: (spec.endMs - spec.startMs) / 1000 } : { start_time: spec.startMs / 1000, end_time: spec.endMs / 1000 }),
    granularity: spec.granularityMs / 1000,
  }
}
