import { opentelemetry } from '../../otlp-proto/otlp-trace.js'
import { MAX_ANY_VALUE_DEPTH, storedDouble } from './any-value.js'
import { checkWireTypes } from './check-wire-types.js'
import { bytesToHex } from './ids.js'
import { OtlpRequestError } from './otlp-request-error.js'

// Static protobufjs code generated from the official opentelemetry-proto
// definitions (traces only, pinned release): otlp-proto/README.md says where
// they come from and how to regenerate it.
const requestDecoder = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest

// protobufjs refuses messages nested deeper than 100 (as protoc does); say what that means for OTLP
const NESTING_ERROR = 'maximum nesting depth exceeded'
const NESTING_REASON = `messages nested more than 100 deep (an attribute value nests at most ${MAX_ANY_VALUE_DEPTH} levels)`

interface LongLike {
  low: number
  high: number
}
type Message = Record<string, unknown>

/** Decodes a protobuf ExportTraceServiceRequest into the OTLP JSON shape (hex ids, decimal int64 strings). */
export function decodeProtobufRequest(body: Uint8Array): unknown {
  checkWireTypes(body)
  let message: Message
  try {
    message = requestDecoder.decode(body) as unknown as Message
  } catch (error) {
    const reason = (error as Error).message
    throw new OtlpRequestError(`protobuf body could not be decoded: ${reason === NESTING_ERROR ? NESTING_REASON : reason}`)
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
    schemaUrl: resourceSpans.schemaUrl ?? '',
  }
}

function toScopeSpans(scopeSpans: Message) {
  const scope = (scopeSpans.scope ?? {}) as Message
  return {
    scope: {
      name: scope.name ?? '',
      version: scope.version ?? '',
      attributes: toKeyValues(scope.attributes),
      droppedAttributesCount: scope.droppedAttributesCount ?? 0,
    },
    spans: list(scopeSpans.spans).map(toSpan),
    schemaUrl: scopeSpans.schemaUrl ?? '',
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

function toKeyValues(value: unknown, depth = 1): { key: string; value: Message }[] {
  return list(value).map((keyValue) => ({ key: String(keyValue.key ?? ''), value: toAnyValue(keyValue.value, depth) }))
}

/**
 * An AnyValue at nesting level `depth`. Below the deepest level the store keeps, the rest is cut off: the value
 * there is rejected by validation (normalizeAnyValue) whatever it holds, and this stays a shallow recursion.
 */
function toAnyValue(value: unknown, depth: number): Message {
  if (value === null || value === undefined || depth > MAX_ANY_VALUE_DEPTH + 1) return {}
  const anyValue = value as Message
  if (anyValue.stringValue != null) return { stringValue: anyValue.stringValue }
  if (anyValue.boolValue != null) return { boolValue: anyValue.boolValue }
  if (anyValue.intValue != null) return { intValue: signedLongToString(anyValue.intValue) }
  // NaN and ±Infinity as their proto3 JSON spellings: JSON has no number for them
  if (anyValue.doubleValue != null) return { doubleValue: storedDouble(anyValue.doubleValue as number) }
  if (anyValue.bytesValue != null) return { bytesValue: Buffer.from(anyValue.bytesValue as Uint8Array).toString('base64') }
  if (anyValue.arrayValue != null) {
    return { arrayValue: { values: list((anyValue.arrayValue as Message).values).map((item) => toAnyValue(item, depth + 1)) } }
  }
  if (anyValue.kvlistValue != null) {
    return { kvlistValue: { values: toKeyValues((anyValue.kvlistValue as Message).values, depth + 1) } }
  }
  return {}
}
