import { anyValueToSearchText } from '../otlp/any-value.js'
import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import { storedSpanJson } from './span-json.js'
import type { StoredSpan } from './stored-span.js'

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

/** The search pairs (key, value text, …) of an attribute list's scalar values. */
export function searchPairsOf(attributes: OtlpKeyValue[]): string[] {
  const pairs: string[] = []
  for (const attribute of attributes) {
    const valueText = anyValueToSearchText(attribute.value)
    if (valueText !== null) pairs.push(attribute.key, valueText)
  }
  return pairs
}

/** A span record for a validated, normalised span (the general ingest path, and re-encoding stored spans). */
export function spanRecordOf(traceId: string, span: StoredSpan): SpanRecord {
  return {
    traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    serviceName: span.serviceName,
    statusCode: span.status.code,
    startTimeUnixNano: BigInt(span.startTimeUnixNano),
    endTimeUnixNano: BigInt(span.endTimeUnixNano),
    resourceId: span.resourceId,
    scopeId: span.scopeId,
    json: storedSpanJson(span),
    searchPairs: searchPairsOf(span.attributes),
  }
}
