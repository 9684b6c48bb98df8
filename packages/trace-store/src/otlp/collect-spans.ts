import { checkKeyValues, findStringAttribute } from './any-value.js'
import { normalizeSpanId, normalizeTraceId } from './ids.js'
import { OtlpRequestError } from './otlp-request-error.js'
import type { DecodedSpans, IngestSpan, OtlpKeyValue, RejectedSpan, StoredSpan } from './otlp-types.js'

const UNSIGNED_INT_PATTERN = /^\d{1,20}$/
const MAX_UINT64 = (1n << 64n) - 1n
const UNKNOWN_SERVICE = 'unknown_service'

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function asArray(value: unknown, what: string): unknown[] {
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

function parseCount(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0
}

/**
 * Walks an OTLP JSON ExportTraceServiceRequest (already parsed) and returns
 * the valid spans, normalised, plus the rejected ones with their reasons.
 * A request whose structure is broken throws OtlpRequestError; a broken span
 * only rejects that span, so the good part of a batch is always kept.
 */
export function collectSpans(request: unknown): DecodedSpans {
  if (!isObject(request)) throw new OtlpRequestError('request body must be a JSON object')
  const spans: IngestSpan[] = []
  const rejected: RejectedSpan[] = []
  const resourceSpansList = asArray(request.resourceSpans, 'resourceSpans')

  resourceSpansList.forEach((resourceSpans, resourceIndex) => {
    const resourcePath = `resourceSpans[${resourceIndex}]`
    if (!isObject(resourceSpans)) throw new OtlpRequestError(`${resourcePath} must be an object`)
    const { reason: resourceReason, serviceName, resourceJson } = describeResource(resourceSpans.resource)
    const scopeSpansList = asArray(resourceSpans.scopeSpans, `${resourcePath}.scopeSpans`)

    scopeSpansList.forEach((scopeSpans, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`
      if (!isObject(scopeSpans)) throw new OtlpRequestError(`${scopePath} must be an object`)
      const { reason: scopeReason, scopeJson } = describeScope(scopeSpans.scope)
      const spanList = asArray(scopeSpans.spans, `${scopePath}.spans`)
      spanList.forEach((span, spanIndex) => {
        const path = `${scopePath}.spans[${spanIndex}]`
        const reason = resourceReason ? `resource ${resourceReason}` : scopeReason ? `scope ${scopeReason}` : null
        if (reason) {
          rejected.push({ path, reason })
          return
        }
        const result = toIngestSpan(span, serviceName, resourceJson, scopeJson)
        if (typeof result === 'string') rejected.push({ path, reason: result })
        else spans.push(result)
      })
    })
  })
  return { spans, rejected }
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

function toIngestSpan(span: unknown, serviceName: string, resourceJson: string, scopeJson: string): IngestSpan | string {
  if (!isObject(span)) return 'span must be an object'
  const traceId = normalizeTraceId(span.traceId)
  if (!traceId) return 'traceId must be 32 hex digits, not all zero'
  const spanId = normalizeSpanId(span.spanId)
  if (!spanId) return 'spanId must be 16 hex digits, not all zero'
  let parentSpanId: string | null = null
  if (span.parentSpanId !== undefined && span.parentSpanId !== '' && span.parentSpanId !== null) {
    parentSpanId = normalizeSpanId(span.parentSpanId)
    if (!parentSpanId) return 'parentSpanId must be empty or 16 hex digits'
  }
  if (typeof span.name !== 'string') return 'name must be a string'
  const kind = span.kind ?? 0
  if (typeof kind !== 'number' || !Number.isInteger(kind) || kind < 0 || kind > 5) return 'kind must be an integer from 0 to 5'
  const startTimeUnixNano = parseUnixNano(span.startTimeUnixNano)
  if (startTimeUnixNano === null) return 'startTimeUnixNano must be an unsigned integer'
  const endTimeUnixNano = parseUnixNano(span.endTimeUnixNano)
  if (endTimeUnixNano === null) return 'endTimeUnixNano must be an unsigned integer'
  if (endTimeUnixNano < startTimeUnixNano) return 'endTimeUnixNano is before startTimeUnixNano'
  const attributesReason = checkKeyValues(span.attributes)
  if (attributesReason) return attributesReason

  const status = checkStatus(span.status)
  if (typeof status === 'string') return status
  const events = checkEvents(span.events)
  if (typeof events === 'string') return events
  const links = checkLinks(span.links)
  if (typeof links === 'string') return links

  return {
    traceId,
    startTimeUnixNano,
    endTimeUnixNano,
    resourceJson,
    scopeJson,
    stored: {
      spanId,
      parentSpanId,
      traceState: typeof span.traceState === 'string' ? span.traceState : '',
      flags: parseCount(span.flags),
      name: span.name,
      kind,
      startTimeUnixNano: startTimeUnixNano.toString(),
      endTimeUnixNano: endTimeUnixNano.toString(),
      attributes: (span.attributes ?? []) as OtlpKeyValue[],
      droppedAttributesCount: parseCount(span.droppedAttributesCount),
      events,
      droppedEventsCount: parseCount(span.droppedEventsCount),
      links,
      droppedLinksCount: parseCount(span.droppedLinksCount),
      status,
      serviceName,
      resourceId: 0,
      scopeId: 0,
    },
  }
}

export function checkEvents(value: unknown): StoredSpan['events'] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return 'events must be an array'
  const events: StoredSpan['events'] = []
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

export function checkLinks(value: unknown): StoredSpan['links'] | string {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return 'links must be an array'
  const links: StoredSpan['links'] = []
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
