// The OTLP JSON shapes the receiver accepts (opentelemetry-proto, JSON
// mapping with hex ids and integer enums). Everything is `unknown` until
// validated, because the body comes from an untrusted client.

export interface OtlpAnyValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: string
  doubleValue?: number | string
  arrayValue?: { values?: OtlpAnyValue[] }
  kvlistValue?: { values?: OtlpKeyValue[] }
  bytesValue?: string
}

export interface OtlpKeyValue {
  key: string
  value: OtlpAnyValue
}

export const SPAN_KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const
export const STATUS_CODE_ERROR = 2

/** A span as stored: OTLP JSON field names, ns times as decimal strings, plus where it came from. */
export interface StoredSpan {
  spanId: string
  parentSpanId: string | null
  traceState: string
  flags: number
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  events: { timeUnixNano: string; name: string; attributes: OtlpKeyValue[]; droppedAttributesCount: number }[]
  droppedEventsCount: number
  links: { traceId: string; spanId: string; traceState: string; attributes: OtlpKeyValue[]; droppedAttributesCount: number; flags: number }[]
  droppedLinksCount: number
  status: { code: number; message: string }
  serviceName: string
  /** set by the writer: ids of the rows in `resources` and `scopes` */
  resourceId: number
  scopeId: number
}

/** One span, validated and normalised, ready to be written. */
export interface IngestSpan {
  traceId: string
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  /** JSON text of {attributes, droppedAttributesCount}; shared by the spans of one resourceSpans entry */
  resourceJson: string
  /** JSON text of {name, version, attributes}; shared by the spans of one scopeSpans entry */
  scopeJson: string
  stored: StoredSpan
}

/** One span ready to be written: what its index entry, the trace summary and the digest need, and its stored JSON text. */
export interface SpanRecord {
  traceId: string
  spanId: string
  parentSpanId: string | null
  name: string
  kind: number
  serviceName: string
  statusCode: number
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  resourceId: number
  scopeId: number
  /** the span as storedSpanJson writes it */
  json: string
  /** its scalar attributes for search, flat: key, value text, key, value text, … */
  searchPairs: string[]
}

export interface RejectedSpan {
  /** where in the request, e.g. resourceSpans[0].scopeSpans[1].spans[3] */
  path: string
  reason: string
}

export interface DecodedSpans {
  spans: IngestSpan[]
  rejected: RejectedSpan[]
}
