import 'server-only'
import { SPAN_KINDS, STATUS_CODES, type Attribute, type AttributeValue, type TraceModel } from '../../features/traces/model/trace-model'

interface OtlpValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: string
  doubleValue?: number
  arrayValue?: { values: OtlpValue[] }
  kvlistValue?: { values: { key: string; value: OtlpValue }[] }
}

function toAnyValue(value: AttributeValue): OtlpValue {
  if (value === null) return {}
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } }
  return { kvlistValue: { values: Object.entries(value).map(([key, item]) => ({ key, value: toAnyValue(item) })) } }
}

function toKeyValues(attributes: Attribute[]) {
  return attributes.map((attribute) => ({ key: attribute.key, value: toAnyValue(attribute.value) }))
}

/** The normalised trace back as an OTLP JSON document (hex ids, integer enums), for download. */
export function modelToOtlp(trace: TraceModel) {
  const groups = new Map<string, Map<string, TraceModel['spans']>>()
  for (const span of trace.spans) {
    const scopeKey = `${span.scope.name}\n${span.scope.version}`
    let scopes = groups.get(span.resourceId)
    if (!scopes) groups.set(span.resourceId, (scopes = new Map()))
    let spans = scopes.get(scopeKey)
    if (!spans) scopes.set(scopeKey, (spans = []))
    spans.push(span)
  }
  return {
    resourceSpans: [...groups.entries()].map(([resourceId, scopes]) => ({
      resource: { attributes: toKeyValues(trace.resources[resourceId] ?? []) },
      scopeSpans: [...scopes.values()].map((spans) => ({
        scope: { name: spans[0]!.scope.name, version: spans[0]!.scope.version },
        spans: spans.map((span) => ({
          traceId: trace.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name,
          kind: SPAN_KINDS.indexOf(span.kind),
          startTimeUnixNano: span.startTimeUnixNano,
          endTimeUnixNano: span.endTimeUnixNano,
          attributes: toKeyValues(span.attributes),
          events: span.events.map((event) => ({ timeUnixNano: event.timeUnixNano, name: event.name, attributes: toKeyValues(event.attributes) })),
          links: span.links.map((link) => ({ traceId: link.traceId, spanId: link.spanId, attributes: toKeyValues(link.attributes) })),
          status: { code: STATUS_CODES.indexOf(span.status.code), ...(span.status.message ? { message: span.status.message } : {}) },
        })),
      })),
    })),
  }
}
