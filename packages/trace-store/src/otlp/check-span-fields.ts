// Checks and normalises the parts of an OTLP JSON span (already parsed): ids,
// times, counts, status, events, links, resource and scope. Shared by the
// general ingest path (collectSpans) and the fast scanners, so both say the same.
// A field left out, or null, has its proto3 default, as over protobuf.

import { findStringAttribute, normalizeKeyValues } from './any-value.js'
import { normalizeSpanId, normalizeTraceId } from './ids.js'
import { OtlpRequestError } from './otlp-request-error.js'
import type { OtlpKeyValue, ValidEvent, ValidLink } from './otlp-types.js'

const UNSIGNED_INT_PATTERN = /^\d{1,20}$/
const UINT32_PATTERN = /^\d{1,10}$/
const MAX_UINT32 = 0xffffffff
/**
 * The largest time the store keeps, in unix ns: 2^63 - 1 (the year 2262). Times are committed as SQLite INTEGERs,
 * which are signed 64-bit; OTLP's fixed64 goes to 2^64 - 1, so a later time rejects its span (not the request).
 */
export const MAX_STORED_UNIX_NANO = (1n << 63n) - 1n
const UNKNOWN_SERVICE = 'unknown_service'

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function asArray(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new OtlpRequestError(`${what} must be an array`)
  return value
}

/**
 * A time in unix ns (fixed64): a decimal string, or a JSON number (exact: decode-json.ts reads large ones as
 * text); absent is 0. Returns it, or the reason it is invalid or beyond MAX_STORED_UNIX_NANO.
 */
export function checkUnixNano(value: unknown, field: string): bigint | string {
  let nanos: bigint
  if (value === undefined || value === null) nanos = 0n
  else if (typeof value === 'string' && UNSIGNED_INT_PATTERN.test(value)) nanos = BigInt(value)
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) nanos = BigInt(value)
  else return `${field} must be an unsigned integer`
  return nanos <= MAX_STORED_UNIX_NANO ? nanos : `${field} must be below 2^63 ns (9223372036854775808), the latest time the store keeps`
}

/** A uint32 or fixed32 (counts, flags): a number or, as the proto3 JSON mapping allows, a decimal string; absent is 0. */
export function checkCount(value: unknown, field: string): number | string {
  if (value === undefined || value === null) return 0
  const count = typeof value === 'string' && UINT32_PATTERN.test(value) ? Number(value) : value
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_UINT32 ? count : `${field} must be an unsigned 32-bit integer`
}

/** A string field; absent is "". Returns it, or the reason it is invalid. */
export function checkText(value: unknown, field: string): string | { reason: string } {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : { reason: `${field} must be a string` }
}

export interface ResourceDescription {
  /** why it is invalid, or null */
  reason: string | null
  serviceName: string
  /** JSON text of {attributes, droppedAttributesCount, schemaUrl} */
  resourceJson: string
  attributes: OtlpKeyValue[]
}

/** A resourceSpans entry's `resource` (any JSON value) and `schemaUrl`, checked and normalised. */
export function describeResource(value: unknown, schemaUrlValue: unknown): ResourceDescription {
  const resource = isObject(value) ? value : {}
  const attributes = normalizeKeyValues(resource.attributes)
  const droppedAttributesCount = checkCount(resource.droppedAttributesCount, 'droppedAttributesCount')
  const schemaUrl = checkText(schemaUrlValue, 'schemaUrl')
  const invalid = (reason: string) => ({ reason, serviceName: UNKNOWN_SERVICE, resourceJson: '', attributes: [] })
  if (typeof attributes === 'string') return invalid(attributes)
  if (typeof droppedAttributesCount === 'string') return invalid(droppedAttributesCount)
  if (typeof schemaUrl !== 'string') return invalid(schemaUrl.reason)
  return {
    reason: null,
    serviceName: findStringAttribute(attributes, 'service.name') ?? UNKNOWN_SERVICE,
    resourceJson: JSON.stringify({ attributes, droppedAttributesCount, schemaUrl }),
    attributes,
  }
}

/** A scopeSpans entry's `scope` (any JSON value) and `schemaUrl`, checked and normalised to the JSON text of {name, version, attributes, droppedAttributesCount, schemaUrl}. */
export function describeScope(value: unknown, schemaUrlValue: unknown): { reason: string | null; scopeJson: string } {
  const scope = isObject(value) ? value : {}
  const name = checkText(scope.name, 'name')
  const version = checkText(scope.version, 'version')
  const attributes = normalizeKeyValues(scope.attributes)
  const droppedAttributesCount = checkCount(scope.droppedAttributesCount, 'droppedAttributesCount')
  const schemaUrl = checkText(schemaUrlValue, 'schemaUrl')
  if (typeof name !== 'string') return { reason: name.reason, scopeJson: '' }
  if (typeof version !== 'string') return { reason: version.reason, scopeJson: '' }
  if (typeof attributes === 'string') return { reason: attributes, scopeJson: '' }
  if (typeof droppedAttributesCount === 'string') return { reason: droppedAttributesCount, scopeJson: '' }
  if (typeof schemaUrl !== 'string') return { reason: schemaUrl.reason, scopeJson: '' }
  return { reason: null, scopeJson: JSON.stringify({ name, version, attributes, droppedAttributesCount, schemaUrl }) }
}

/** `status` (any JSON value) as stored, or why it is invalid. */
export function checkStatus(value: unknown): { code: number; message: string } | string {
  const status = isObject(value) ? value : {}
  const code = status.code ?? 0
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 2) return 'status.code must be an integer from 0 to 2'
  const message = checkText(status.message, 'status.message')
  return typeof message === 'string' ? { code, message } : message.reason
}

export function checkEvents(value: unknown): ValidEvent[] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return 'events must be an array'
  const events: ValidEvent[] = []
  for (const event of value) {
    if (!isObject(event)) return 'event must be an object'
    const timeUnixNano = checkUnixNano(event.timeUnixNano, 'event timeUnixNano')
    if (typeof timeUnixNano === 'string') return timeUnixNano
    const name = checkText(event.name, 'event name')
    if (typeof name !== 'string') return name.reason
    const attributes = normalizeKeyValues(event.attributes)
    if (typeof attributes === 'string') return `event ${attributes}`
    const droppedAttributesCount = checkCount(event.droppedAttributesCount, 'event droppedAttributesCount')
    if (typeof droppedAttributesCount === 'string') return droppedAttributesCount
    events.push({ timeUnixNano: timeUnixNano.toString(), name, attributes, droppedAttributesCount })
  }
  return events
}

export function checkLinks(value: unknown): ValidLink[] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return 'links must be an array'
  const links: ValidLink[] = []
  for (const link of value) {
    if (!isObject(link)) return 'link must be an object'
    const traceId = normalizeTraceId(link.traceId)
    const spanId = normalizeSpanId(link.spanId)
    if (!traceId || !spanId) return 'link traceId and spanId must be hex ids'
    const traceState = checkText(link.traceState, 'link traceState')
    if (typeof traceState !== 'string') return traceState.reason
    const attributes = normalizeKeyValues(link.attributes)
    if (typeof attributes === 'string') return `link ${attributes}`
    const droppedAttributesCount = checkCount(link.droppedAttributesCount, 'link droppedAttributesCount')
    if (typeof droppedAttributesCount === 'string') return droppedAttributesCount
    const flags = checkCount(link.flags, 'link flags')
    if (typeof flags === 'string') return flags
    links.push({ traceId, spanId, traceState, attributes, droppedAttributesCount, flags })
  }
  return links
}
