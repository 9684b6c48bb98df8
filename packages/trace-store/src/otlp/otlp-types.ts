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

/** One span, validated and normalised, ready to be written. */
export interface IngestSpan {
  traceId: string
  spanId: string
  parentSpanId: string | null
  traceState: string
  flags: number
  name: string
  kind: number
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  /** JSON text of OtlpKeyValue[] */
  attributesJson: string
  droppedAttributesCount: number
  /** JSON text of the span's events, in OTLP JSON shape */
  eventsJson: string
  droppedEventsCount: number
  /** JSON text of the span's links, in OTLP JSON shape */
  linksJson: string
  droppedLinksCount: number
  statusCode: number
  statusMessage: string
  serviceName: string
  /** JSON text of {attributes, droppedAttributesCount}; shared by the spans of one resourceSpans entry */
  resourceJson: string
  /** JSON text of {name, version, attributes}; shared by the spans of one scopeSpans entry */
  scopeJson: string
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
