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

export const STATUS_CODE_ERROR = 2

/** A span event, validated and normalised: time as a decimal string, absent fields filled in. */
export interface ValidEvent {
  timeUnixNano: string
  name: string
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
}

/** A span link, validated and normalised: lower-case hex ids, absent fields filled in. */
export interface ValidLink {
  traceId: string
  spanId: string
  traceState: string
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  flags: number
}

export interface RejectedSpan {
  /** where in the request, e.g. resourceSpans[0].scopeSpans[1].spans[3] */
  path: string
  reason: string
}
