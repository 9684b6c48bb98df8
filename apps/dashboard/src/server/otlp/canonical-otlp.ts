import 'server-only'
import { normalizeId } from './normalize-ids'
import { NormalizeError, normalizeSpanKind, normalizeStatusCode, type OtlpResourceSpans } from './normalize-otlp'
import { SPAN_KINDS, STATUS_CODES } from '../../features/traces/model/trace-model'

// A source's OTLP JSON (Jaeger's api_v3, Tempo's) rewritten as canonical OTLP JSON for download, straight from what
// the source sent, not from the dashboard's model: the model keeps plain values (a double 1e300 is just a number
// there, bytes are text) and leaves out what it does not draw. Here every value keeps its type — doubles stay
// doubleValue (NaN, ±Infinity and -0 as the proto3 JSON strings "NaN", "Infinity", "-Infinity", "-0"), ints stay
// intValue decimal strings, bytes standard base64 — and flags, traceState, dropped counts, events, links, status,
// resource, scope and schemaUrl are kept. Only the spelling changes: hex ids, integer enums, int64 as strings, and
// the fields a gateway left out at their default written out.

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>
interface KeyValue {
  key: string
  value: AnyValue
}

const INT = /^-?\d+$/
const DOUBLE_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/
const MIN_INT64 = -(1n << 63n)
const MAX_INT64 = (1n << 63n) - 1n

function intText(raw: unknown, where: string): string {
  let value: bigint | undefined
  if (typeof raw === 'number' && Number.isInteger(raw)) value = BigInt(raw)
  else if (typeof raw === 'string' && INT.test(raw)) value = BigInt(raw)
  if (value === undefined || value < MIN_INT64 || value > MAX_INT64) throw new NormalizeError(`${where}: intValue is not an int64`)
  return value.toString()
}

/** A double in proto3 JSON: a number, or a string for what JSON numbers cannot hold (NaN, ±Infinity, -0). */
export function doubleJson(raw: unknown, where = 'value'): number | string {
  let value: number | undefined
  if (typeof raw === 'number') value = raw
  else if (raw === 'NaN' || raw === 'Infinity' || raw === '-Infinity') value = Number(raw)
  else if (typeof raw === 'string' && DOUBLE_TEXT.test(raw)) value = Number(raw)
  if (value === undefined) throw new NormalizeError(`${where}: doubleValue is not a number`)
  if (Object.is(value, -0)) return '-0'
  return Number.isFinite(value) ? value : String(value)
}

function anyValue(raw: unknown, where: string): AnyValue {
  if (!raw || typeof raw !== 'object') return {}
  const value = raw as Record<string, unknown>
  if (value.stringValue !== undefined && value.stringValue !== null) return { stringValue: String(value.stringValue) }
  if (value.boolValue !== undefined && value.boolValue !== null) return { boolValue: value.boolValue === true || value.boolValue === 'true' }
  if (value.intValue !== undefined && value.intValue !== null) return { intValue: intText(value.intValue, where) }
  if (value.doubleValue !== undefined && value.doubleValue !== null) return { doubleValue: doubleJson(value.doubleValue, where) }
  if (value.bytesValue !== undefined && value.bytesValue !== null) {
    if (typeof value.bytesValue !== 'string' || !BASE64.test(value.bytesValue)) throw new NormalizeError(`${where}: bytesValue is not base64`)
    return { bytesValue: Buffer.from(value.bytesValue.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('base64') }
  }
  if (value.arrayValue !== undefined && value.arrayValue !== null) {
    const values = (value.arrayValue as { values?: unknown[] | null }).values ?? []
    return { arrayValue: { values: values.map((item, index) => anyValue(item, `${where}[${index}]`)) } }
  }
  if (value.kvlistValue !== undefined && value.kvlistValue !== null) {
    return { kvlistValue: { values: keyValues((value.kvlistValue as { values?: { key?: string; value?: unknown }[] | null }).values, where) } }
  }
  return {}
}

function keyValues(list: { key?: string; value?: unknown }[] | null | undefined, where: string): KeyValue[] {
  return (list ?? []).map((entry) => ({ key: entry.key ?? '', value: anyValue(entry.value, `${where}.${entry.key ?? ''}`) }))
}

function count(raw: number | string | null | undefined): number {
  return raw === undefined || raw === null ? 0 : Number(raw)
}

function nano(raw: number | string | undefined): string {
  if (raw === undefined) return '0'
  return typeof raw === 'number' ? BigInt(Math.trunc(raw)).toString() : BigInt(raw).toString()
}

function id(raw: string, bytes: 8 | 16, what: string): string {
  const hex = normalizeId(raw, bytes)
  if (!hex) throw new NormalizeError(`${what} '${raw.slice(0, 40)}' is neither ${bytes * 2} hex digits nor base64 of ${bytes} bytes`)
  return hex
}

type RawScopeSpans = NonNullable<OtlpResourceSpans['scopeSpans']>[number]
type RawSpan = NonNullable<RawScopeSpans['spans']>[number]

function span(raw: RawSpan, traceId: string) {
  const spanId = id(raw.spanId, 8, 'span id')
  const where = `span ${spanId}`
  const statusMessage = raw.status?.message ?? ''
  return {
    traceId,
    spanId,
    ...(raw.traceState ? { traceState: raw.traceState } : {}),
    ...(raw.parentSpanId ? { parentSpanId: id(raw.parentSpanId, 8, 'parent span id') } : {}),
    flags: count(raw.flags),
    name: raw.name ?? '',
    kind: SPAN_KINDS.indexOf(normalizeSpanKind(raw.kind)),
    startTimeUnixNano: nano(raw.startTimeUnixNano),
    endTimeUnixNano: nano(raw.endTimeUnixNano),
    attributes: keyValues(raw.attributes, where),
    droppedAttributesCount: count(raw.droppedAttributesCount),
    events: (raw.events ?? []).map((event) => ({
      timeUnixNano: nano(event.timeUnixNano),
      name: event.name ?? '',
      attributes: keyValues(event.attributes, `${where} event ${event.name ?? ''}`),
      droppedAttributesCount: count(event.droppedAttributesCount),
    })),
    droppedEventsCount: count(raw.droppedEventsCount),
    links: (raw.links ?? []).map((link) => ({
      traceId: id(link.traceId, 16, 'link trace id'),
      spanId: id(link.spanId, 8, 'link span id'),
      ...(link.traceState ? { traceState: link.traceState } : {}),
      attributes: keyValues(link.attributes, `${where} link`),
      droppedAttributesCount: count(link.droppedAttributesCount),
      flags: count(link.flags),
    })),
    droppedLinksCount: count(raw.droppedLinksCount),
    status: { code: STATUS_CODES.indexOf(normalizeStatusCode(raw.status?.code ?? undefined)), ...(statusMessage ? { message: statusMessage } : {}) },
  }
}

/**
 * The spans of one trace from a source's resourceSpans, as a canonical OTLP JSON ExportTraceServiceRequest (what
 * `POST /v1/traces` takes back); resources and scopes without a span of the trace are left out. Throws
 * NormalizeError on ids that are neither hex nor base64 and on values that do not have their type.
 */
export function canonicalOtlp(resourceSpansList: readonly OtlpResourceSpans[], traceId: string) {
  const resourceSpans = []
  for (const resourceEntry of resourceSpansList) {
    const scopeGroups = [
      ...(resourceEntry.scopeSpans ?? []),
      ...(resourceEntry.instrumentationLibrarySpans ?? []).map((group) => ({ ...group, scope: group.scope ?? group.instrumentationLibrary })),
    ]
    const scopeSpans = []
    for (const group of scopeGroups) {
      const spans = (group.spans ?? []).filter((raw) => id(raw.traceId, 16, 'trace id') === traceId).map((raw) => span(raw, traceId))
      if (spans.length === 0) continue
      const scopeName = group.scope?.name ?? ''
      scopeSpans.push({
        scope: {
          name: scopeName,
          version: group.scope?.version ?? '',
          attributes: keyValues(group.scope?.attributes, `scope ${scopeName}`),
          droppedAttributesCount: count(group.scope?.droppedAttributesCount),
        },
        spans,
        ...(group.schemaUrl ? { schemaUrl: group.schemaUrl } : {}),
      })
    }
    if (scopeSpans.length === 0) continue
    resourceSpans.push({
      resource: {
        attributes: keyValues(resourceEntry.resource?.attributes, 'resource'),
        droppedAttributesCount: count(resourceEntry.resource?.droppedAttributesCount),
      },
      scopeSpans,
      ...(resourceEntry.schemaUrl ? { schemaUrl: resourceEntry.schemaUrl } : {}),
    })
  }
  return { resourceSpans }
}
