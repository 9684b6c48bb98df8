import { QuerySpecError } from './query-spec-error.js'

/**
 * The fields every span has, under the names Honeycomb gives them when it turns OpenTelemetry spans into events, so a
 * query written for Honeycomb finds the same fields here. Any other column name is an attribute key: the span's own
 * attribute, else its resource's. An attribute with one of these names is shadowed by the intrinsic field.
 */
export const INTRINSIC_COLUMNS = {
  /** end − start in ms (fractions kept) */
  duration_ms: 'number',
  name: 'string',
  /** the resource's `service.name` */
  'service.name': 'string',
  /** `unspecified`, `internal`, `server`, `client`, `producer` or `consumer` */
  'span.kind': 'string',
  /** the OTLP status code: 0 unset, 1 ok, 2 error */
  status_code: 'number',
  /** present when the status has a message */
  status_message: 'string',
  /** `true` on spans with status ERROR; absent on the others, as in Honeycomb */
  error: 'boolean',
  'trace.trace_id': 'string',
  'trace.span_id': 'string',
  /** absent on root spans: `trace.parent_id does-not-exist` finds them */
  'trace.parent_id': 'string',
  'span.num_events': 'number',
  'span.num_links': 'number',
  /** the instrumentation scope's name and version */
  'library.name': 'string',
  'library.version': 'string',
} as const satisfies Record<string, ColumnType>

export type ColumnType = 'number' | 'string' | 'boolean'
export type IntrinsicColumnName = keyof typeof INTRINSIC_COLUMNS

/** The values `span.kind` takes (Honeycomb's spelling of the OTLP SpanKind enum, by its number). */
export const SPAN_KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const

export type QueryColumn = { kind: 'intrinsic'; name: IntrinsicColumnName } | { kind: 'attribute'; key: string }

/**
 * Honeycomb's relational fields (`root.service.name`: the root span's service) read other spans of the trace. This
 * store does not answer them yet, and reading one as an attribute key would answer another question without a word.
 */
const RELATIONAL_PREFIXES = ['root.', 'parent.', 'any.', 'any2.', 'any3.', 'none.']

export const MAX_COLUMN_NAME_LENGTH = 256

function isIntrinsic(name: string): name is IntrinsicColumnName {
  return Object.hasOwn(INTRINSIC_COLUMNS, name)
}

/** Reads a column name (already a non-empty string) as an intrinsic field or an attribute key. */
export function parseColumn(name: string, where: string): QueryColumn {
  if (isIntrinsic(name)) return { kind: 'intrinsic', name }
  if (RELATIONAL_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    throw new QuerySpecError(`${where}: ${name} is a Honeycomb relational field (root., parent., any., none.), which this store does not answer`)
  }
  return { kind: 'attribute', key: name }
}

export function columnName(column: QueryColumn): string {
  return column.kind === 'intrinsic' ? column.name : column.key
}

/** The type of an intrinsic field; undefined for attributes, whose values may differ in type from span to span. */
export function knownColumnType(column: QueryColumn): ColumnType | undefined {
  return column.kind === 'intrinsic' ? INTRINSIC_COLUMNS[column.name] : undefined
}

export function sameColumn(a: QueryColumn, b: QueryColumn): boolean {
  return a.kind === b.kind && columnName(a) === columnName(b)
}
