// Checks and normalises the parts of an OTLP JSON span (already parsed): ids,
// times, status, events, links, resource and scope. Shared by the general
// ingest path (collectSpans) and the fast scanners, so both say the same.
import { checkKeyValues, findStringAttribute } from './any-value.js'
import { normalizeSpanId, normalizeTraceId } from './ids.js'
import { OtlpRequestError } from './otlp-request-error.js'
import type { OtlpKeyValue, ValidEvent, ValidLink } from './otlp-types.js'

const UNSIGNED_INT_PATTERN = /^\d{1,20}$/
const MAX_UINT64 = (1n << 64n) - 1n
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

/** int64/fixed64 in OTLP JSON: a decimal string, or a number when it is exact. */
export function parseUnixNano(value: unknown): bigint | null {
  let nanos: bigint
  if (typeof value === 'string' && UNSIGNED_INT_PATTERN.test(value)) nanos = BigInt(value)
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) nanos = BigInt(value)
  else return null
  return nanos <= MAX_UINT64 ? nanos : null
}

export function parseCount(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0
}

export interface ResourceDescription {
  /** why its attributes are invalid, or null */
  reason: string | null
  serviceName: string
  /** JSON text of {attributes, droppedAttributesCount} */
  resourceJson: string
  attributes: OtlpKeyValue[]
}

/** A resourceSpans entry's `resource` (any JSON value), checked and normalised. */
export function describeResource(value: unknown): ResourceDescription {
  const resource = isObject(value) ? value : {}
  const attributes = resource.attributes ?? []
  const reason = checkKeyValues(attributes)
  return {
    reason,
    serviceName: (reason === null ? findStringAttribute(attributes as OtlpKeyValue[], 'service.name') : undefined) ?? UNKNOWN_SERVICE,
    resourceJson: JSON.stringify({ attributes, droppedAttributesCount: parseCount(resource.droppedAttributesCount) }),
    attributes: attributes as OtlpKeyValue[],
  }
}

/** A scopeSpans entry's `scope` (any JSON value), checked and normalised to the JSON text of {name, version, attributes}. */
export function describeScope(value: unknown): { reason: string | null; scopeJson: string } {
  const scope = isObject(value) ? value : {}
  return {
    reason: checkKeyValues(scope.attributes),
    scopeJson: JSON.stringify({
      name: typeof scope.name === 'string' ? scope.name : '',
      version: typeof scope.version === 'string' ? scope.version : '',
      attributes: scope.attributes ?? [],
    }),
  }
}

/** `status` (any JSON value) as stored, or why it is invalid. */
export function checkStatus(value: unknown): { code: number; message: string } | string {
  const status = isObject(value) ? value : {}
  const code = status.code ?? 0
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 2) return 'status.code must be an integer from 0 to 2'
  return { code, message: typeof status.message === 'string' ? status.message : '' }
}

export function checkEvents(value: unknown): ValidEvent[] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return 'events must be an array'
  const events: ValidEvent[] = []
  for (const event of value) {
    if (!isObject(event)) return 'event must be an object'
    const timeUnixNano = parseUnixNano(event.timeUnixNano)
    if (timeUnixNano === null) return 'event timeUnixNano must be an unsigned integer'
    const reason = checkKeyValues(event.attributes)
    if (reason) return `event ${reason}`
    events.push({
      timeUnixNano: timeUnixNano.toString(),
      name: typeof event.name === 'string' ? event.name : '',
      attributes: (event.attributes ?? []) as OtlpKeyValue[],
      droppedAttributesCount: parseCount(event.droppedAttributesCount),
    })
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
    const reason = checkKeyValues(link.attributes)
    if (reason) return `link ${reason}`
    links.push({
      traceId,
      spanId,
      traceState: typeof link.traceState === 'string' ? link.traceState : '',
      attributes: (link.attributes ?? []) as OtlpKeyValue[],
      droppedAttributesCount: parseCount(link.droppedAttributesCount),
      flags: parseCount(link.flags),
    })
  }
  return links
}
