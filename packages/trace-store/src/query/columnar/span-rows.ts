import { nanoDiffMs } from '../../ingest/nano-time.js'
import type { StoredSpan } from '../../ingest/stored-span.js'
import type { OtlpAnyValue, OtlpKeyValue } from '../../otlp/otlp-types.js'
import { INTRINSIC_COLUMNS, SPAN_KIND_NAMES } from '../custom/query-columns.js'

/** An attribute value as the query index keeps it: one of three column types. */
export type ScalarValue = { type: 'text'; value: string } | { type: 'number'; value: number } | { type: 'boolean'; value: boolean }
export type ScalarType = ScalarValue['type']

/** One span as a row of the query index: the intrinsic fields, then its attributes and its resource's by key. */
export interface SpanRow {
  chunkId: number
  traceId: string
  spanId: string
  parentId: string | null
  startNs: bigint
  durationMs: number
  name: string
  service: string
  kind: string
  statusCode: number
  statusMessage: string
  eventCount: number
  linkCount: number
  libraryName: string
  libraryVersion: string
  /** the span's attributes over its resource's (a span attribute wins over a resource attribute of the same key) */
  attributes: Map<string, ScalarValue>
}

export interface ScopeFields {
  name: string
  version: string
}

/**
 * What an attribute value becomes: strings, booleans and finite numbers as themselves (int64 as the nearest double,
 * exact up to 2^53); NaN and ±Infinity, bytes, lists and maps as their JSON text, so `exists` and text matches still
 * see them while numeric calculations leave them out.
 */
export function scalarOf(value: OtlpAnyValue | undefined): ScalarValue | undefined {
  if (value === undefined || value === null) return undefined
  if (value.stringValue !== undefined) return { type: 'text', value: value.stringValue }
  if (value.boolValue !== undefined) return { type: 'boolean', value: value.boolValue }
  if (value.intValue !== undefined) return { type: 'number', value: Number(value.intValue) }
  if (value.doubleValue !== undefined) {
    const number = Number(value.doubleValue)
    return Number.isFinite(number) ? { type: 'number', value: number } : { type: 'text', value: String(value.doubleValue) }
  }
  if (value.bytesValue !== undefined) return { type: 'text', value: String(value.bytesValue) }
  if (value.arrayValue !== undefined) return { type: 'text', value: JSON.stringify(value.arrayValue) }
  if (value.kvlistValue !== undefined) return { type: 'text', value: JSON.stringify(value.kvlistValue) }
  return undefined
}

function addAttributes(into: Map<string, ScalarValue>, attributes: readonly OtlpKeyValue[]): void {
  for (const attribute of attributes) {
    // an intrinsic field shadows an attribute of its name (service.name is the intrinsic, read from the resource)
    if (Object.hasOwn(INTRINSIC_COLUMNS, attribute.key)) continue
    const scalar = scalarOf(attribute.value)
    if (scalar) into.set(attribute.key, scalar)
  }
}

/** The row of one stored span; `resource` and `scope` are what its resourceId and scopeId name. */
export function spanRow(chunkId: number, traceId: string, span: StoredSpan, resourceAttributes: readonly OtlpKeyValue[], scope: ScopeFields): SpanRow {
  const attributes = new Map<string, ScalarValue>()
  addAttributes(attributes, resourceAttributes)
  addAttributes(attributes, span.attributes)
  return {
    chunkId,
    traceId,
    spanId: span.spanId,
    parentId: span.parentSpanId || null,
    startNs: BigInt(span.startTimeUnixNano),
    durationMs: nanoDiffMs(span.startTimeUnixNano, span.endTimeUnixNano),
    name: span.name,
    service: span.serviceName,
    kind: SPAN_KIND_NAMES[span.kind] ?? 'unspecified',
    statusCode: span.status.code,
    statusMessage: span.status.message,
    eventCount: span.events.length,
    linkCount: span.links.length,
    libraryName: scope.name,
    libraryVersion: scope.version,
    attributes,
  }
}
