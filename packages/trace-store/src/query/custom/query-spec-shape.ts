import { z } from 'zod'
import { MAX_COLUMN_NAME_LENGTH } from './query-columns.js'
import { QuerySpecError } from './query-spec-error.js'

/**
 * The JSON shape of a Honeycomb Query Specification: which fields exist and what type each holds. What the values
 * mean (ops, columns, what orders and havings name, the time range) is checked by the parsers that read this shape.
 */

export const MAX_CALCULATIONS = 20
export const MAX_FILTERS = 50
/** the issue's GROUP BY bound (Honeycomb allows 100); results are keyed by up to 5 values per group */
export const MAX_BREAKDOWNS = 5
export const MAX_ORDERS = 25
export const MAX_HAVINGS = 20

/** JSON `null` reads as a field left out: clients that serialize every field send it for what they do not set. */
const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined)

const columnName = z
  .string({ error: 'must be a column name' })
  .min(1, { error: 'must be a column name' })
  .max(MAX_COLUMN_NAME_LENGTH, { error: `must be a column name of at most ${MAX_COLUMN_NAME_LENGTH} characters` })
const opName = z.string({ error: 'must be a string' })
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  absent(z.array(item, { error: 'must be a list' }).max(max, { error: `at most ${max} ${what}` }))

const calculationShape = z.strictObject({ op: opName, column: absent(columnName) }, { error: objectOnly })
const filterShape = z.strictObject({ column: columnName, op: opName, value: z.unknown().optional() }, { error: objectOnly })
const orderShape = z.strictObject({ op: absent(opName), column: absent(columnName), order: absent(opName) }, { error: objectOnly })
const havingShape = z.strictObject({ calculate_op: opName, column: absent(columnName), op: opName, value: z.unknown().optional() }, { error: objectOnly })

/** Whole seconds within what the store keeps: times are int64 ns, which end in the year 2262. */
export const MAX_UNIX_SEC = 9_223_372_036
const seconds = (min: number, message: string, max = MAX_UNIX_SEC) =>
  absent(z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }))

const querySpecShape = z.strictObject(
  {
    calculations: list(calculationShape, MAX_CALCULATIONS, 'calculations'),
    filters: list(filterShape, MAX_FILTERS, 'filters'),
    filter_combination: absent(opName),
    breakdowns: list(columnName, MAX_BREAKDOWNS, 'columns'),
    orders: list(orderShape, MAX_ORDERS, 'orders'),
    havings: list(havingShape, MAX_HAVINGS, 'havings'),
    limit: absent(z.unknown()),
    time_range: seconds(1, `must be a whole number of seconds from 1 to ${MAX_UNIX_SEC}`),
    // a start leaves at least a second before the last time, an end at least one after the first
    start_time: seconds(0, `must be whole unix seconds from 0 to ${MAX_UNIX_SEC - 1}`, MAX_UNIX_SEC - 1),
    end_time: seconds(1, `must be whole unix seconds from 1 to ${MAX_UNIX_SEC}`),
    granularity: absent(z.unknown()),
    /** Honeycomb returns a query's id with it; a spec copied from its API carries one, which names nothing here */
    id: z.unknown().optional(),
    /** Honeycomb features this store does not answer: refused by name (see refuseUnsupportedFields) */
    calculated_fields: z.unknown().optional(),
    formulas: z.unknown().optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'the query must be a JSON object (a Honeycomb Query Specification)' : undefined) },
)

export type QuerySpecJson = z.output<typeof querySpecShape>

function objectOnly(issue: { code: string }): string | undefined {
  return issue.code === 'invalid_type' ? 'must be an object' : undefined
}

/** `calculations[1].op`, from zod's path. */
function pathName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '')
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathName(issue.path)
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message
  return where ? `${where}: ${message}` : message
}

function refuseUnsupportedFields(spec: QuerySpecJson): void {
  const used = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)
  if (used(spec.calculated_fields)) throw new QuerySpecError('calculated_fields: calculated fields are not supported by this store')
  if (used(spec.formulas)) throw new QuerySpecError('formulas: formulas are not supported by this store')
}

/** Checks the JSON shape of a spec; throws a QuerySpecError naming every field that is wrong. */
export function readQuerySpecJson(body: unknown): QuerySpecJson {
  const parsed = querySpecShape.safeParse(body)
  if (!parsed.success) {
    // one message per field: a string where a list belongs would also be reported as too long
    const firstPerField = new Map<string, string>()
    for (const issue of parsed.error.issues) {
      const field = pathName(issue.path)
      if (!firstPerField.has(field)) firstPerField.set(field, describeIssue(issue))
    }
    throw new QuerySpecError([...firstPerField.values()].join('; '))
  }
  refuseUnsupportedFields(parsed.data)
  return parsed.data
}
