import type { Attributes, HrTime, SpanContext } from '@opentelemetry/api'
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
// the text is about twice as fast (bench/fetch-cost.mjs). Every string
// goes through JSON.stringify for its escaping. proto3 JSON lets defaults
// (0, '', []) be left out, and they are: every byte counts when the page
// goes away and the browser allows 64 KiB of keepalive bodies.
const quote = JSON.stringify as (value: string | undefined) => string

/** `,"key":json` when `value` is set, else nothing (its proto3 default). */
function optional(key: string, value: unknown, json: unknown = value): string {
  return value ? `,"${key}":${json as string}` : ''
}

function anyValueJson(value: unknown): string | undefined {
  if (typeof value === 'string') return `{"stringValue":${quote(value)}}`
  if (typeof value === 'boolean') return `{"boolValue":${value}}`
  if (typeof value === 'number')
    // beyond 2^53 a number is no exact integer any more (1e300 is no int64): keep it a double;
    // JSON has no NaN or Infinity: proto3 JSON spells them as strings
    return Number.isSafeInteger(value) ? `{"intValue":"${value}"}` : `{"doubleValue":${Number.isFinite(value) ? value : `"${value}"`}}`
  if (Array.isArray(value)) return `{"arrayValue":{"values":[${value.map(anyValueJson).filter(Boolean).join()}]}}`
  return undefined
}

/** `attributes` as the OTLP JSON list of key-values (values that are no attribute value are left out). */
function keyValuesJson(attributes: Attributes = {}, rewrite?: AttributeRewriter): string {
  const pairs: string[] = []
  for (const key of Object.keys(attributes)) {
    const raw = attributes[key]
    const value = anyValueJson(rewrite && typeof raw === 'string' ? rewrite(key, raw) : raw)
    if (value) pairs.push(`{"key":${quote(key)},"value":${value}}`)
  }
  return `[${pairs.join()}]`
}

/** The attributes and dropped count of a span, event or link. */
function attributesJson(item: { attributes?: Attributes; droppedAttributesCount?: number }, rewrite?: AttributeRewriter): string {
  return `,"attributes":${keyValuesJson(item.attributes, rewrite)}${optional('droppedAttributesCount', item.droppedAttributesCount)}`
}

/** The ids of a span or link, `{` included. */
function idsJson({ traceId, spanId, traceState }: SpanContext): string {
  const state = traceState?.serialize()
  return `{"traceId":${quote(traceId)},"spanId":${quote(spanId)}${optional('traceState', state, quote(state))}`
}

function listJson(key: string, items: string[]): string {
  return optional(key, items.length, `[${items.join()}]`)
}

function spanJson(span: ReadableSpan, rewrite?: AttributeRewriter): string {
  const context = span.spanContext()
  const parentSpanId = span.parentSpanContext?.spanId
  const { code, message } = span.status
  return (
    `${idsJson(context)}${optional('parentSpanId', parentSpanId, quote(parentSpanId))},"flags":${context.traceFlags},"name":${quote(span.name)}` +
    `,"kind":${span.kind + 1},"startTimeUnixNano":"${hrTimeToNanoString(span.startTime)}","endTimeUnixNano":"${hrTimeToNanoString(span.endTime)}"` +
    attributesJson(span, rewrite) +
    listJson(
      'events',
      span.events.map((event) => `{"timeUnixNano":"${hrTimeToNanoString(event.time)}","name":${quote(event.name)}${attributesJson(event, rewrite)}}`),
    ) +
    optional('droppedEventsCount', span.droppedEventsCount) +
    listJson(
      'links',
      span.links.map((link) => `${idsJson(link.context)}${attributesJson(link, rewrite)}}`),
    ) +
    optional('droppedLinksCount', span.droppedLinksCount) +
    `${optional('status', code || message, `{"code":${code}${optional('message', message, quote(message))}}`)}}`
  )
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
