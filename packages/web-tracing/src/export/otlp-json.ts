import type { Attributes, HrTime, SpanContext } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'
import { ATTR_SESSION_ID } from '../session/session-attributes.js'

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

/** `attributes` as the OTLP JSON key-values, comma-separated, without the list's brackets (values that are no attribute value are left out). */
function keyValuePairsJson(attributes: Attributes = {}, rewrite?: AttributeRewriter): string {
  const pairs: string[] = []
  for (const key of Object.keys(attributes)) {
    const raw = attributes[key]
    const value = anyValueJson(rewrite && typeof raw === 'string' ? rewrite(key, raw) : raw)
    if (value) pairs.push(`{"key":${quote(key)},"value":${value}}`)
  }
  return pairs.join()
}

/** The attributes and dropped count of a span, event or link. */
function attributesJson(item: { attributes?: Attributes; droppedAttributesCount?: number }, rewrite?: AttributeRewriter): string {
  return `,"attributes":[${keyValuePairsJson(item.attributes, rewrite)}]${optional('droppedAttributesCount', item.droppedAttributesCount)}`
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

type Resource = ReadableSpan['resource']

const resourcePairsJson = new WeakMap<Resource, string>()
/** The resource's attributes (computed once per resource) and those of the session, as one OTLP JSON resource. */
function resourceJson(resource: Resource, sessionAttributes: Attributes | undefined): string {
  let pairs = resourcePairsJson.get(resource)
  if (pairs === undefined) resourcePairsJson.set(resource, (pairs = keyValuePairsJson(resource.attributes)))
  const sessionPairs = keyValuePairsJson(sessionAttributes)
  return `{"attributes":[${pairs}${pairs && sessionPairs && ','}${sessionPairs}]}`
}

/** The resource attributes of a session, by id: `session.id` and what the tracker knows of it. */
export type SessionResource = (sessionId: string) => Attributes

/** Bytes an OTLP request adds around its spans: a resource and scope group or two (a batch can straddle a new session), generously. */
export const REQUEST_OVERHEAD_BYTES = 2048

function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = create()))
  return value
}

/**
 * An OTLP/HTTP JSON `ExportTraceServiceRequest` body for the spans, grouped
 * by resource, session and instrumentation scope (opentelemetry-proto JSON
 * mapping: hex ids, integer enums, int64 as decimal strings). With
 * `sessionResource`, the spans of each session (their `session.id`
 * attribute; a batch can straddle a new session) form a resource of their
 * own that carries the session's attributes.
 */
export function encodeRequest(spans: readonly EncodedSpan[], sessionResource?: SessionResource): string {
  const byResource = new Map<Resource, Map<unknown, Map<string, EncodedSpan[]>>>()
  for (const encoded of spans) {
    const { resource, instrumentationScope: scope, attributes } = encoded.span
    const bySession = entryOf(byResource, resource, () => new Map<unknown, Map<string, EncodedSpan[]>>())
    const byScope = entryOf(bySession, sessionResource && attributes[ATTR_SESSION_ID], () => new Map<string, EncodedSpan[]>())
    const scopeKey = JSON.stringify({ name: scope.name, ...(scope.version ? { version: scope.version } : {}) })
    entryOf(byScope, scopeKey, () => []).push(encoded)
  }
  const resourceSpans: string[] = []
  for (const [resource, bySession] of byResource) {
    for (const [session, byScope] of bySession) {
      const scopeSpans = [...byScope].map(([scope, list]) => `{"scope":${scope},"spans":[${list.map((encoded) => encoded.json).join(',')}]}`)
      const sessionAttributes = typeof session === 'string' ? sessionResource?.(session) : undefined
      resourceSpans.push(`{"resource":${resourceJson(resource, sessionAttributes)},"scopeSpans":[${scopeSpans.join(',')}]}`)
    }
  }
  return `{"resourceSpans":[${resourceSpans.join(',')}]}`
}
