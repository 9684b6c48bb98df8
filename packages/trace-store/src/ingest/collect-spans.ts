import { normalizeKeyValues } from '../otlp/any-value.js'
import {
  asArray,
  checkCount,
  checkEvents,
  checkLinks,
  checkStatus,
  checkText,
  checkUnixNano,
  describeResource,
  describeScope,
  isObject,
} from '../otlp/check-span-fields.js'
import { decodeRequestBody } from '../otlp/decode-request.js'
import { normalizeSpanId, normalizeTraceId } from '../otlp/ids.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { RejectedSpan } from '../otlp/otlp-types.js'
import type { StoredSpan } from './stored-span.js'

/** One span, validated and normalised, ready to be written. */
export interface IngestSpan {
  traceId: string
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  /** JSON text of {attributes, droppedAttributesCount}; shared by the spans of one resourceSpans entry */
  resourceJson: string
  /** JSON text of {name, version, attributes}; shared by the spans of one scopeSpans entry */
  scopeJson: string
  stored: StoredSpan
}

export interface DecodedSpans {
  spans: IngestSpan[]
  rejected: RejectedSpan[]
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
    const { reason: resourceReason, serviceName, resourceJson } = describeResource(resourceSpans.resource, resourceSpans.schemaUrl)
    const scopeSpansList = asArray(resourceSpans.scopeSpans, `${resourcePath}.scopeSpans`)

    scopeSpansList.forEach((scopeSpans, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`
      if (!isObject(scopeSpans)) throw new OtlpRequestError(`${scopePath} must be an object`)
      const { reason: scopeReason, scopeJson } = describeScope(scopeSpans.scope, scopeSpans.schemaUrl)
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

/** Decodes and validates one export request body; throws OtlpRequestError when the request as a whole is malformed. */
export function decodeTraceRequest(encoding: OtlpEncoding, body: Buffer): DecodedSpans {
  return collectSpans(decodeRequestBody(encoding, body))
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
  const name = checkText(span.name, 'name')
  if (typeof name !== 'string') return name.reason
  const traceState = checkText(span.traceState, 'traceState')
  if (typeof traceState !== 'string') return traceState.reason
  const kind = span.kind ?? 0
  if (typeof kind !== 'number' || !Number.isInteger(kind) || kind < 0 || kind > 5) return 'kind must be an integer from 0 to 5'
  const flags = checkCount(span.flags, 'flags')
  if (typeof flags === 'string') return flags
  const startTimeUnixNano = checkUnixNano(span.startTimeUnixNano, 'startTimeUnixNano')
  if (typeof startTimeUnixNano === 'string') return startTimeUnixNano
  const endTimeUnixNano = checkUnixNano(span.endTimeUnixNano, 'endTimeUnixNano')
  if (typeof endTimeUnixNano === 'string') return endTimeUnixNano
  if (endTimeUnixNano < startTimeUnixNano) return 'endTimeUnixNano is before startTimeUnixNano'
  const attributes = normalizeKeyValues(span.attributes)
  if (typeof attributes === 'string') return attributes
  const counts = checkCounts(span)
  if (typeof counts === 'string') return counts

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
      traceState,
      flags,
      name,
      kind,
      startTimeUnixNano: startTimeUnixNano.toString(),
      endTimeUnixNano: endTimeUnixNano.toString(),
      attributes,
      droppedAttributesCount: counts.droppedAttributesCount,
      events,
      droppedEventsCount: counts.droppedEventsCount,
      links,
      droppedLinksCount: counts.droppedLinksCount,
      status,
      serviceName,
      resourceId: 0,
      scopeId: 0,
    },
  }
}

const COUNT_FIELDS = ['droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount'] as const

function checkCounts(span: Record<string, unknown>): Record<(typeof COUNT_FIELDS)[number], number> | string {
  const counts = { droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 }
  for (const field of COUNT_FIELDS) {
    const count = checkCount(span[field], field)
    if (typeof count === 'string') return count
    counts[field] = count
  }
  return counts
}
