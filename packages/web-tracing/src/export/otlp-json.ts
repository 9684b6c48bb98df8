import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { arrayValue: { values: AnyValue[] } }

export interface OtlpKeyValue {
  key: string
  value: AnyValue
}

/** Rewrites one attribute value before export (used for URL redaction). */
export type AttributeRewriter = (key: string, value: string) => string

/** [seconds, nanoseconds] as a decimal string of nanoseconds, without losing precision. */
export function hrTimeToNanoString(time: HrTime): string {
  const [seconds, nanos] = time
  if (seconds === 0) return String(nanos)
  return `${seconds}${String(nanos).padStart(9, '0')}`
}

function toAnyValue(value: AttributeValue | null | undefined): AnyValue | undefined {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (typeof value === 'number') {
    // beyond 2^53 a number is no exact integer any more (1e300 is no int64): keep it a double
    if (Number.isSafeInteger(value)) return { intValue: String(value) }
    // JSON has no NaN or Infinity: proto3 JSON spells them as strings
    return { doubleValue: Number.isFinite(value) ? value : (String(value) as 'NaN' | 'Infinity' | '-Infinity') }
  }
  if (Array.isArray(value)) {
    const values: AnyValue[] = []
    for (const entry of value as unknown[]) {
      const converted = toAnyValue(entry as AttributeValue)
      if (converted) values.push(converted)
    }
    return { arrayValue: { values } }
  }
  return undefined
}

export function toKeyValues(attributes: Attributes, rewrite?: AttributeRewriter): OtlpKeyValue[] {
  const result: OtlpKeyValue[] = []
  for (const key of Object.keys(attributes)) {
    let raw = attributes[key]
    if (rewrite && typeof raw === 'string') raw = rewrite(key, raw)
    const value = toAnyValue(raw)
    if (value) result.push({ key, value })
  }
  return result
}

function toOtlpSpan(span: ReadableSpan, rewrite?: AttributeRewriter) {
  const spanContext = span.spanContext()
  const parentSpanId = span.parentSpanContext?.spanId
  const traceState = spanContext.traceState?.serialize()
  // proto3 JSON lets defaults (0, '', []) be left out: every byte counts when
  // the page goes away and the browser allows 64 KiB of keepalive bodies
  return {
    traceId: spanContext.traceId,
    spanId: spanContext.spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    ...(traceState ? { traceState } : {}),
    flags: spanContext.traceFlags,
    name: span.name,
    kind: span.kind + 1,
    startTimeUnixNano: hrTimeToNanoString(span.startTime),
    endTimeUnixNano: hrTimeToNanoString(span.endTime),
    attributes: toKeyValues(span.attributes, rewrite),
    ...(span.droppedAttributesCount ? { droppedAttributesCount: span.droppedAttributesCount } : {}),
    ...(span.events.length > 0
      ? {
          events: span.events.map((event) => ({
            timeUnixNano: hrTimeToNanoString(event.time),
            name: event.name,
            attributes: toKeyValues(event.attributes ?? {}, rewrite),
            ...(event.droppedAttributesCount ? { droppedAttributesCount: event.droppedAttributesCount } : {}),
          })),
        }
      : {}),
    ...(span.droppedEventsCount ? { droppedEventsCount: span.droppedEventsCount } : {}),
    ...(span.links.length > 0
      ? {
          links: span.links.map((link) => {
            const linkTraceState = link.context.traceState?.serialize()
            return {
              traceId: link.context.traceId,
              spanId: link.context.spanId,
              ...(linkTraceState ? { traceState: linkTraceState } : {}),
              attributes: toKeyValues(link.attributes ?? {}, rewrite),
              ...(link.droppedAttributesCount ? { droppedAttributesCount: link.droppedAttributesCount } : {}),
            }
          }),
        }
      : {}),
    ...(span.droppedLinksCount ? { droppedLinksCount: span.droppedLinksCount } : {}),
    ...(span.status.code !== 0 || span.status.message
      ? { status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) } }
      : {}),
  }
}

/** A span serialised once, so batching and splitting never serialise it again. */
export interface EncodedSpan {
  readonly span: ReadableSpan
  readonly json: string
  /** UTF-8 length of `json` */
  readonly bytes: number
}

const encoder = typeof TextEncoder === 'undefined' ? undefined : new TextEncoder()
// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/
/** UTF-8 length; the usual all-ASCII text needs no encoding. */
export function utf8Length(text: string): number {
  return !NON_ASCII.test(text) ? text.length : encoder ? encoder.encode(text).length : text.length * 3
}

export function encodeSpan(span: ReadableSpan, rewrite?: AttributeRewriter): EncodedSpan {
  const json = JSON.stringify(toOtlpSpan(span, rewrite))
  return { span, json, bytes: utf8Length(json) }
}

const resourceJson = new WeakMap<ReadableSpan['resource'], string>()
function encodeResource(resource: ReadableSpan['resource']): string {
  let json = resourceJson.get(resource)
  if (json === undefined) {
    json = JSON.stringify({ attributes: toKeyValues(resource.attributes) })
    resourceJson.set(resource, json)
  }
  return json
}

/** Bytes an OTLP request adds around its spans: one resource and scope group, generously. */
export const REQUEST_OVERHEAD_BYTES = 2048

/**
 * An OTLP/HTTP JSON `ExportTraceServiceRequest` body for the spans, grouped
 * by resource and instrumentation scope (opentelemetry-proto JSON mapping:
 * hex ids, integer enums, int64 as decimal strings).
 */
export function encodeRequest(spans: readonly EncodedSpan[]): string {
  const byResource = new Map<ReadableSpan['resource'], Map<string, EncodedSpan[]>>()
  for (const encoded of spans) {
    const { resource, instrumentationScope: scope } = encoded.span
    let byScope = byResource.get(resource)
    if (!byScope) byResource.set(resource, (byScope = new Map()))
    const scopeKey = JSON.stringify({ name: scope.name, ...(scope.version ? { version: scope.version } : {}) })
    const list = byScope.get(scopeKey)
    if (list) list.push(encoded)
    else byScope.set(scopeKey, [encoded])
  }
  const resourceSpans = [...byResource].map(([resource, byScope]) => {
    const scopeSpans = [...byScope].map(([scope, list]) => `{"scope":${scope},"spans":[${list.map((encoded) => encoded.json).join(',')}]}`)
    return `{"resource":${encodeResource(resource)},"scopeSpans":[${scopeSpans.join(',')}]}`
  })
  return `{"resourceSpans":[${resourceSpans.join(',')}]}`
}
