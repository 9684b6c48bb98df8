import { opentelemetry } from '../../otlp-proto/otlp-trace.js'
import { bytesToHex } from './ids.js'
import { OtlpRequestError } from './otlp-request-error.js'

// Static protobufjs code generated from the official opentelemetry-proto
// definitions (traces only, pinned release): otlp-proto/README.md says where
// they come from and how to regenerate it.
const requestDecoder = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest

interface LongLike {
  low: number
  high: number
}
type Message = Record<string, unknown>

/** Decodes a protobuf ExportTraceServiceRequest into the OTLP JSON shape (hex ids, decimal int64 strings). */
export function decodeProtobufRequest(body: Uint8Array): unknown {
  let message: Message
  try {
    message = requestDecoder.decode(body) as unknown as Message
  } catch (error) {
    throw new OtlpRequestError(`protobuf body could not be decoded: ${(error as Error).message}`)
  }
  return { resourceSpans: list(message.resourceSpans).map(toResourceSpans) }
}

function list(value: unknown): Message[] {
  return Array.isArray(value) ? (value as Message[]) : []
}

function longToString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return String(value)
  const { low, high } = value as LongLike
  return ((BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString()
}

function signedLongToString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return String(value)
  const { low, high } = value as LongLike
  return BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString()
}

function hexId(value: unknown): string {
  return value instanceof Uint8Array ? bytesToHex(value) : ''
}

function toResourceSpans(resourceSpans: Message) {
  const resource = (resourceSpans.resource ?? {}) as Message
  return {
    resource: { attributes: toKeyValues(resource.attributes), droppedAttributesCount: resource.droppedAttributesCount ?? 0 },
    scopeSpans: list(resourceSpans.scopeSpans).map(toScopeSpans),
  }
}

function toScopeSpans(scopeSpans: Message) {
  const scope = (scopeSpans.scope ?? {}) as Message
  return {
    scope: { name: scope.name ?? '', version: scope.version ?? '', attributes: toKeyValues(scope.attributes) },
    spans: list(scopeSpans.spans).map(toSpan),
  }
}

function toSpan(span: Message) {
  const status = (span.status ?? {}) as Message
  return {
    traceId: hexId(span.traceId),
    spanId: hexId(span.spanId),
    parentSpanId: hexId(span.parentSpanId),
    traceState: span.traceState ?? '',
    flags: span.flags ?? 0,
    name: span.name ?? '',
    kind: span.kind ?? 0,
    startTimeUnixNano: longToString(span.startTimeUnixNano) ?? '0',
    endTimeUnixNano: longToString(span.endTimeUnixNano) ?? '0',
    attributes: toKeyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount ?? 0,
    events: list(span.events).map((event) => ({
      timeUnixNano: longToString(event.timeUnixNano) ?? '0',
      name: event.name ?? '',
      attributes: toKeyValues(event.attributes),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount ?? 0,
    links: list(span.links).map((link) => ({
      traceId: hexId(link.traceId),
      spanId: hexId(link.spanId),
      traceState: link.traceState ?? '',
      attributes: toKeyValues(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
      flags: link.flags ?? 0,
    })),
    droppedLinksCount: span.droppedLinksCount ?? 0,
    status: { code: status.code ?? 0, message: status.message ?? '' },
  }
}

function toKeyValues(value: unknown): { key: string; value: Message }[] {
  return list(value).map((keyValue) => ({ key: String(keyValue.key ?? ''), value: toAnyValue(keyValue.value) }))
}

function toAnyValue(value: unknown): Message {
  if (value === null || value === undefined) return {}
  const anyValue = value as Message
  if (anyValue.stringValue != null) return { stringValue: anyValue.stringValue }
  if (anyValue.boolValue != null) return { boolValue: anyValue.boolValue }
  if (anyValue.intValue != null) return { intValue: signedLongToString(anyValue.intValue) }
  if (anyValue.doubleValue != null) return { doubleValue: anyValue.doubleValue }
  if (anyValue.bytesValue != null) return { bytesValue: Buffer.from(anyValue.bytesValue as Uint8Array).toString('base64') }
  if (anyValue.arrayValue != null) {
    return { arrayValue: { values: list((anyValue.arrayValue as Message).values).map(toAnyValue) } }
  }
  if (anyValue.kvlistValue != null) {
    return { kvlistValue: { values: toKeyValues((anyValue.kvlistValue as Message).values) } }
  }
  return {}
}
