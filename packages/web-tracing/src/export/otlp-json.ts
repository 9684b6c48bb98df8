import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'

/** Rewrites one attribute value before export (used for URL redaction). */
export type AttributeRewriter = (key: string, value: string) => string

/** [seconds, nanoseconds] as a decimal string of nanoseconds, without losing precision. */
export function hrTimeToNanoString(time: HrTime): string {
  const [seconds, nanos] = time
  if (seconds === 0) return String(nanos)
  return `${seconds}${String(nanos).padStart(9, '0')}`
}

// Spans are written as JSON text directly rather than built as objects for
// JSON.stringify: this runs on the main thread for every span, and writing
// the text is several times faster (bench/fetch-cost.mjs). Every string
// goes through JSON.stringify for its escaping. proto3 JSON lets defaults
// (0, '', []) be left out, and they are: every byte counts when the page
// goes away and the browser allows 64 KiB of keepalive bodies.
const quote = JSON.stringify as (value: string) => string

function anyValueJson(value: AttributeValue | null | undefined): string | undefined {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${quote(value)}}`
    case 'boolean':
      return value ? '{"boolValue":true}' : '{"boolValue":false}'
    case 'number':
      // beyond 2^53 a number is no exact integer any more (1e300 is no int64): keep it a double
      if (Number.isSafeInteger(value)) return `{"intValue":"${value}"}`
      // JSON has no NaN or Infinity: proto3 JSON spells them as strings
      return Number.isFinite(value) ? `{"doubleValue":${value}}` : `{"doubleValue":"${value}"}`
  }
  if (Array.isArray(value)) {
    const values: string[] = []
    for (const entry of value as unknown[]) {
      const converted = anyValueJson(entry as AttributeValue)
      if (converted) values.push(converted)
    }
    return `{"arrayValue":{"values":[${values.join(',')}]}}`
  }
  return undefined
}

/** `attributes` as the OTLP JSON list of key-values (values that are no attribute value are left out). */
export function keyValuesJson(attributes: Attributes, rewrite?: AttributeRewriter): string {
  let json = ''
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue
    let raw = attributes[key]
    if (rewrite && typeof raw === 'string') raw = rewrite(key, raw)
    const value = anyValueJson(raw)
    if (value !== undefined) json += `${json ? ',' : ''}{"key":${quote(key)},"value":${value}}`
  }
  return `[${json}]`
}

/** `,"key":count` when the count is set, else nothing (its default). */
function countJson(key: string, count: number | undefined): string {
  return count ? `,"${key}":${count}` : ''
}

function eventJson(event: ReadableSpan['events'][number], rewrite?: AttributeRewriter): string {
  return (
    `{"timeUnixNano":"${hrTimeToNanoString(event.time)}","name":${quote(event.name)}` +
    `,"attributes":${keyValuesJson(event.attributes ?? {}, rewrite)}${countJson('droppedAttributesCount', event.droppedAttributesCount)}}`
  )
}

function linkJson(link: ReadableSpan['links'][number], rewrite?: AttributeRewriter): string {
  const traceState = link.context.traceState?.serialize()
  return (
    `{"traceId":${quote(link.context.traceId)},"spanId":${quote(link.context.spanId)}${traceState ? `,"traceState":${quote(traceState)}` : ''}` +
    `,"attributes":${keyValuesJson(link.attributes ?? {}, rewrite)}${countJson('droppedAttributesCount', link.droppedAttributesCount)}}`
  )
}

function spanJson(span: ReadableSpan, rewrite?: AttributeRewriter): string {
  const spanContext = span.spanContext()
  const parentSpanId = span.parentSpanContext?.spanId
  const traceState = spanContext.traceState?.serialize()
  let json = `{"traceId":${quote(spanContext.traceId)},"spanId":${quote(spanContext.spanId)}`
  if (parentSpanId) json += `,"parentSpanId":${quote(parentSpanId)}`
  if (traceState) json += `,"traceState":${quote(traceState)}`
  json += `,"flags":${spanContext.traceFlags},"name":${quote(span.name)},"kind":${span.kind + 1}`
  json += `,"startTimeUnixNano":"${hrTimeToNanoString(span.startTime)}","endTimeUnixNano":"${hrTimeToNanoString(span.endTime)}"`
  json += `,"attributes":${keyValuesJson(span.attributes, rewrite)}${countJson('droppedAttributesCount', span.droppedAttributesCount)}`
  if (span.events.length > 0) json += `,"events":[${span.events.map((event) => eventJson(event, rewrite)).join(',')}]`
  json += countJson('droppedEventsCount', span.droppedEventsCount)
  if (span.links.length > 0) json += `,"links":[${span.links.map((link) => linkJson(link, rewrite)).join(',')}]`
  json += countJson('droppedLinksCount', span.droppedLinksCount)
  const { code, message } = span.status
  if (code !== 0 || message) json += `,"status":{"code":${code}${message ? `,"message":${quote(message)}` : ''}}`
  return `${json}}`
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
  const json = spanJson(span, rewrite)
  return { span, json, bytes: utf8Length(json) }
}

const resourceJson = new WeakMap<ReadableSpan['resource'], string>()
function encodeResource(resource: ReadableSpan['resource']): string {
  let json = resourceJson.get(resource)
  if (json === undefined) {
    json = `{"attributes":${keyValuesJson(resource.attributes)}}`
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
