import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
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
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value }
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
  return {
    traceId: spanContext.traceId,
    spanId: spanContext.spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    traceState: spanContext.traceState?.serialize() ?? '',
    flags: spanContext.traceFlags,
    name: span.name,
    kind: span.kind + 1,
    startTimeUnixNano: hrTimeToNanoString(span.startTime),
    endTimeUnixNano: hrTimeToNanoString(span.endTime),
    attributes: toKeyValues(span.attributes, rewrite),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      timeUnixNano: hrTimeToNanoString(event.time),
      name: event.name,
      attributes: toKeyValues(event.attributes ?? {}, rewrite),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      traceState: link.context.traceState?.serialize() ?? '',
      attributes: toKeyValues(link.attributes ?? {}, rewrite),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
    })),
    droppedLinksCount: span.droppedLinksCount,
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
  }
}

/**
 * An OTLP/HTTP JSON `ExportTraceServiceRequest` for the spans, grouped by
 * resource and instrumentation scope (opentelemetry-proto JSON mapping:
 * hex ids, integer enums, int64 as decimal strings).
 */
export function toOtlpRequest(spans: readonly ReadableSpan[], rewrite?: AttributeRewriter) {
  const byResource = new Map<ReadableSpan['resource'], Map<string, ReadableSpan[]>>()
  for (const span of spans) {
    let byScope = byResource.get(span.resource)
    if (!byScope) byResource.set(span.resource, (byScope = new Map()))
    const scopeKey = `${span.instrumentationScope.name}@${span.instrumentationScope.version ?? ''}`
    const list = byScope.get(scopeKey)
    if (list) list.push(span)
    else byScope.set(scopeKey, [span])
  }
  return {
    resourceSpans: [...byResource].map(([resource, byScope]) => ({
      resource: { attributes: toKeyValues(resource.attributes), droppedAttributesCount: 0 },
      scopeSpans: [...byScope.values()].map((scopeSpans) => {
        const scope = scopeSpans[0]!.instrumentationScope
        return {
          scope: { name: scope.name, ...(scope.version ? { version: scope.version } : {}) },
          spans: scopeSpans.map((span) => toOtlpSpan(span, rewrite)),
        }
      }),
    })),
  }
}
