import type { OtlpAnyValue, OtlpKeyValue } from '../otlp/otlp-types.js'
import type { StoredSpan } from './stored-span.js'

// A serializer for the one shape ingest writes most: JSON.stringify spends most
// of its time on generic checks (toJSON lookups, property enumeration) that a
// known shape does not need, and this is about twice as fast on span attributes.
// Anything unusual (lists, maps, bytes, doubles, strings needing escapes) goes
// through JSON.stringify, so the text is always what JSON.stringify would accept back.

// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON strings must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

export function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`
}

function anyValueJson(value: OtlpAnyValue | undefined): string {
  // an attribute without a value is valid OTLP: it is stored as an empty value
  if (value === undefined || value === null) return '{}'
  // The same order as validation (checkAnyValue): the field that was checked is the one written.
  if (value.stringValue !== undefined) return `{"stringValue":${quote(value.stringValue)}}`
  if (value.boolValue !== undefined) return value.boolValue ? '{"boolValue":true}' : '{"boolValue":false}'
  if (value.intValue !== undefined) return `{"intValue":${quote(value.intValue)}}`
  return JSON.stringify(value)
}

export function keyValuesJson(attributes: OtlpKeyValue[]): string {
  let json = '['
  for (let index = 0; index < attributes.length; index += 1) {
    const attribute = attributes[index]!
    json += `${index === 0 ? '' : ','}{"key":${quote(attribute.key)},"value":${anyValueJson(attribute.value)}}`
  }
  return `${json}]`
}

export function eventsJson(events: StoredSpan['events']): string {
  if (events.length === 0) return '[]'
  return `[${events
    .map(
      (event) =>
        `{"timeUnixNano":"${event.timeUnixNano}","name":${quote(event.name)},"attributes":${keyValuesJson(event.attributes)},"droppedAttributesCount":${event.droppedAttributesCount}}`,
    )
    .join(',')}]`
}

/** A span's fields, with its attribute, event and link lists already as JSON text. */
export interface SpanJsonParts {
  spanId: string
  parentSpanId: string | null
  traceState: string
  flags: number
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributesJson: string
  droppedAttributesCount: number
  eventsJson: string
  droppedEventsCount: number
  linksJson: string
  droppedLinksCount: number
  statusCode: number
  statusMessage: string
  serviceName: string
  resourceId: number
  scopeId: number
}

/**
 * The stored text of a span. Ids and times are validated hex and digit
 * strings, counts and codes are integers: only the free-text fields need
 * quoting. The key order is fixed (storedSpanOutlineJson relies on it).
 */
export function spanJson(span: SpanJsonParts): string {
  return flat(
    `{"spanId":"${span.spanId}","parentSpanId":${span.parentSpanId === null ? 'null' : `"${span.parentSpanId}"`},"traceState":${quote(span.traceState)},` +
      `"flags":${span.flags},"name":${quote(span.name)},"kind":${span.kind},` +
      `"startTimeUnixNano":"${span.startTimeUnixNano}","endTimeUnixNano":"${span.endTimeUnixNano}",` +
      `"attributes":${span.attributesJson},"droppedAttributesCount":${span.droppedAttributesCount},` +
      `"events":${span.eventsJson},"droppedEventsCount":${span.droppedEventsCount},` +
      `"links":${span.linksJson},"droppedLinksCount":${span.droppedLinksCount},` +
      `"status":{"code":${span.statusCode},"message":${quote(span.statusMessage)}},` +
      `"serviceName":${quote(span.serviceName)},"resourceId":${span.resourceId},"scopeId":${span.scopeId}}`,
  )
}

// V8 keeps a string built by concatenation as a tree of its pieces (here
// thirty or more) until something reads it whole. Ingest keeps a batch's 512
// span texts alive while it reads the rest, so every minor GC copied each
// tree node by node: flattening each text as it is made cut a batch's encoding
// by about a quarter. Matching a regular expression is what makes V8 store the
// string flat; the pattern matches at once, so the match itself costs nothing.
const MATCHES_AT_ONCE = /^/

function flat(text: string): string {
  MATCHES_AT_ONCE.test(text)
  return text
}

export function linksJson(links: StoredSpan['links']): string {
  return links.length === 0 ? '[]' : JSON.stringify(links)
}

/**
 * The JSON text of a stored span; `JSON.parse` of it equals the span. (An
 * attribute keeps only `key` and `value`, and a scalar value only the one
 * field validation read: AnyValue is a oneof.)
 */
export function storedSpanJson(span: StoredSpan): string {
  // the same property order as the JSON fast path's parts, so spanJson sees one object shape
  return spanJson({
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    flags: span.flags,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributesJson: keyValuesJson(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    eventsJson: eventsJson(span.events),
    droppedEventsCount: span.droppedEventsCount,
    linksJson: linksJson(span.links),
    droppedLinksCount: span.droppedLinksCount,
    statusCode: span.status.code,
    statusMessage: span.status.message,
    serviceName: span.serviceName,
    resourceId: span.resourceId,
    scopeId: span.scopeId,
  })
}

const TRACE_STATE_KEY = ',"traceState":'
const NAME_KEY = ',"name":'
const ATTRIBUTES_KEY = ',"attributes":'
const STATUS_KEY = ',"status":'
const RESOURCE_ID_KEY = ',"resourceId":'

/**
 * The outline of a span written by spanJson — what a waterfall row needs:
 * ids, name, kind, times, status and service (no trace state, flags,
 * attributes, events, links, dropped counts, resource or scope) — cut from
 * its text without parsing it. `from` and `to` delimit the span's object in
 * `text`. This relies on spanJson's key order, and on `,"` never occurring
 * inside a JSON string (quotes in strings are escaped): before the attributes
 * and after the status, every value is an id, a number or a quoted string.
 */
export function storedSpanOutlineJson(text: string, from: number, to: number): string {
  const traceStateAt = text.indexOf(TRACE_STATE_KEY, from)
  const nameAt = text.indexOf(NAME_KEY, traceStateAt)
  const attributesAt = text.indexOf(ATTRIBUTES_KEY, nameAt)
  const resourceIdAt = text.lastIndexOf(RESOURCE_ID_KEY, to)
  const statusAt = text.lastIndexOf(STATUS_KEY, resourceIdAt)
  return `${text.slice(from, traceStateAt)}${text.slice(nameAt, attributesAt)}${text.slice(statusAt, resourceIdAt)}}`
}
