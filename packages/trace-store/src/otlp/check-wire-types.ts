import { OtlpRequestError } from './otlp-request-error.js'

// protobufjs's generated decoders read a known field by its schema's type
// whatever wire type the sender wrote: a varint sent where a string belongs is
// read as a length and garbles the rest, or is silently taken. This walk checks
// every known field of an ExportTraceServiceRequest against the schema first
// (opentelemetry-proto v1.5.0, the messages in otlp-proto/), so such a body is
// refused with a message naming the field. It leaves truncation and other
// malformed framing to protobufjs, which reports them.

const VARINT = 0
const FIXED64 = 1
const DELIMITED = 2
const FIXED32 = 5
const WIRE_TYPE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start group', 'end group', 'fixed32']

/** A known field: its name, its wire type, and the message it holds when it is one. */
type Field = [name: string, wireType: number, message?: string]

const SCHEMA: Record<string, Record<number, Field>> = {
  ExportTraceServiceRequest: { 1: ['resource_spans', DELIMITED, 'ResourceSpans'] },
  ResourceSpans: { 1: ['resource', DELIMITED, 'Resource'], 2: ['scope_spans', DELIMITED, 'ScopeSpans'], 3: ['schema_url', DELIMITED] },
  Resource: { 1: ['attributes', DELIMITED, 'KeyValue'], 2: ['dropped_attributes_count', VARINT] },
  ScopeSpans: { 1: ['scope', DELIMITED, 'InstrumentationScope'], 2: ['spans', DELIMITED, 'Span'], 3: ['schema_url', DELIMITED] },
  InstrumentationScope: {
    1: ['name', DELIMITED],
    2: ['version', DELIMITED],
    3: ['attributes', DELIMITED, 'KeyValue'],
    4: ['dropped_attributes_count', VARINT],
  },
  Span: {
    1: ['trace_id', DELIMITED],
    2: ['span_id', DELIMITED],
    3: ['trace_state', DELIMITED],
    4: ['parent_span_id', DELIMITED],
    5: ['name', DELIMITED],
    6: ['kind', VARINT],
    7: ['start_time_unix_nano', FIXED64],
    8: ['end_time_unix_nano', FIXED64],
    9: ['attributes', DELIMITED, 'KeyValue'],
    10: ['dropped_attributes_count', VARINT],
    11: ['events', DELIMITED, 'Event'],
    12: ['dropped_events_count', VARINT],
    13: ['links', DELIMITED, 'Link'],
    14: ['dropped_links_count', VARINT],
    15: ['status', DELIMITED, 'Status'],
    16: ['flags', FIXED32],
  },
  Event: {
    1: ['time_unix_nano', FIXED64],
    2: ['name', DELIMITED],
    3: ['attributes', DELIMITED, 'KeyValue'],
    4: ['dropped_attributes_count', VARINT],
  },
  Link: {
    1: ['trace_id', DELIMITED],
    2: ['span_id', DELIMITED],
    3: ['trace_state', DELIMITED],
    4: ['attributes', DELIMITED, 'KeyValue'],
    5: ['dropped_attributes_count', VARINT],
    6: ['flags', FIXED32],
  },
  Status: { 2: ['message', DELIMITED], 3: ['code', VARINT] },
  KeyValue: { 1: ['key', DELIMITED], 2: ['value', DELIMITED, 'AnyValue'] },
  AnyValue: {
    1: ['string_value', DELIMITED],
    2: ['bool_value', VARINT],
    3: ['int_value', VARINT],
    4: ['double_value', FIXED64],
    5: ['array_value', DELIMITED, 'ArrayValue'],
    6: ['kvlist_value', DELIMITED, 'KeyValueList'],
    7: ['bytes_value', DELIMITED],
  },
  ArrayValue: { 1: ['values', DELIMITED, 'AnyValue'] },
  KeyValueList: { 1: ['values', DELIMITED, 'KeyValue'] },
}

/** Throws OtlpRequestError when a known field of the request has another wire type than its schema's. */
export function checkWireTypes(bytes: Uint8Array): void {
  // one entry per message being read: nested messages are length-delimited, so a stack replaces recursion
  const stack: { message: string; end: number }[] = [{ message: 'ExportTraceServiceRequest', end: bytes.length }]
  let pos = 0
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (pos >= top.end) {
      stack.pop()
      continue
    }
    const fieldTag = readVarint(bytes, pos)
    if (fieldTag === null) return
    pos = fieldTag.next
    const fieldNumber = Math.floor(fieldTag.value / 8)
    const wireType = fieldTag.value % 8
    const known = SCHEMA[top.message]![fieldNumber]
    if (known && known[1] !== wireType) {
      throw new OtlpRequestError(
        `protobuf field ${top.message}.${known[0]} (field ${fieldNumber}) must be ${WIRE_TYPE_NAMES[known[1]]}, not ${WIRE_TYPE_NAMES[wireType] ?? `wire type ${wireType}`}`,
      )
    }
    if (wireType === VARINT) {
      const varint = readVarint(bytes, pos)
      if (varint === null) return
      pos = varint.next
    } else if (wireType === FIXED64) pos += 8
    else if (wireType === FIXED32) pos += 4
    else if (wireType === DELIMITED) {
      const length = readVarint(bytes, pos)
      if (length === null || length.next + length.value > top.end) return
      pos = length.next
      if (known?.[2]) stack.push({ message: known[2], end: pos + length.value })
      else pos += length.value
    } else return // groups and invalid wire types: protobufjs skips or reports them
  }
}

/** A varint (up to 2^53, which covers tags and lengths) and where it ends; null when it runs past the end. */
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0
  for (let pos = start, shift = 0; pos < bytes.length && shift < 70; pos += 1, shift += 7) {
    const byte = bytes[pos]!
    if (shift < 53) value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) return { value, next: pos + 1 }
  }
  return null
}
