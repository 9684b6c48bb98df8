import { eventsJson, linksJson, quote, spanJson } from './span-json.js'
import { MAX_ANY_VALUE_DEPTH, normalizeAnyValue, storedDouble } from '../otlp/any-value.js'
import { checkEvents, checkLinks, describeResource, describeScope, MAX_STORED_UNIX_NANO } from '../otlp/check-span-fields.js'
import type { OtlpAnyValue, OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'
import { RecordCollector, resourceIdAtFirstSpan, type ContentIds, type RecordWindow, type ScannedRequest } from './scanned-request.js'
import { GIVE_UP, tag, WIRE_DELIMITED, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, WireReader } from './wire-reader.js'

// The fast path of protobuf ingest. The general path has protobufjs build a
// message object for every span, attribute and value (with a Long for every
// time), turns that graph into the OTLP JSON shape, validates it and
// serialises it again. This reads the wire format once and writes each span's
// stored text as it goes. It takes requests in the form exporters send (every
// span valid, each field once where the schema says one); anything else makes
// it give up (`null`), and the request goes through protobufjs and
// collectSpans, which say what is wrong. What it writes must equal what the
// general path writes: scan-protobuf-request.test.ts compares the two.

const TRACE_ID_BYTES = 16
const SPAN_ID_BYTES = 8
const MAX_SPAN_KIND = 5
const MAX_STATUS_CODE = 2

// Tags of the fields read, per message (opentelemetry-proto trace/v1, common/v1, resource/v1).
const REQUEST_RESOURCE_SPANS = tag(1, WIRE_DELIMITED)
const RESOURCE_SPANS_RESOURCE = tag(1, WIRE_DELIMITED)
const RESOURCE_SPANS_SCOPE_SPANS = tag(2, WIRE_DELIMITED)
const RESOURCE_ATTRIBUTES = tag(1, WIRE_DELIMITED)
const RESOURCE_DROPPED_ATTRIBUTES_COUNT = tag(2, WIRE_VARINT)
const SCOPE_SPANS_SCOPE = tag(1, WIRE_DELIMITED)
const SCOPE_SPANS_SPANS = tag(2, WIRE_DELIMITED)
const SCOPE_NAME = tag(1, WIRE_DELIMITED)
const SCOPE_VERSION = tag(2, WIRE_DELIMITED)
const SCOPE_ATTRIBUTES = tag(3, WIRE_DELIMITED)
const SPAN_TRACE_ID = tag(1, WIRE_DELIMITED)
const SPAN_SPAN_ID = tag(2, WIRE_DELIMITED)
const SPAN_TRACE_STATE = tag(3, WIRE_DELIMITED)
const SPAN_PARENT_SPAN_ID = tag(4, WIRE_DELIMITED)
const SPAN_NAME = tag(5, WIRE_DELIMITED)
const SPAN_KIND = tag(6, WIRE_VARINT)
const SPAN_START_TIME = tag(7, WIRE_FIXED64)
const SPAN_END_TIME = tag(8, WIRE_FIXED64)
const SPAN_ATTRIBUTES = tag(9, WIRE_DELIMITED)
const SPAN_DROPPED_ATTRIBUTES_COUNT = tag(10, WIRE_VARINT)
const SPAN_EVENTS = tag(11, WIRE_DELIMITED)
const SPAN_DROPPED_EVENTS_COUNT = tag(12, WIRE_VARINT)
const SPAN_LINKS = tag(13, WIRE_DELIMITED)
const SPAN_DROPPED_LINKS_COUNT = tag(14, WIRE_VARINT)
const SPAN_STATUS = tag(15, WIRE_DELIMITED)
const SPAN_FLAGS = tag(16, WIRE_FIXED32)
const EVENT_TIME = tag(1, WIRE_FIXED64)
const EVENT_NAME = tag(2, WIRE_DELIMITED)
const EVENT_ATTRIBUTES = tag(3, WIRE_DELIMITED)
const EVENT_DROPPED_ATTRIBUTES_COUNT = tag(4, WIRE_VARINT)
const LINK_TRACE_ID = tag(1, WIRE_DELIMITED)
const LINK_SPAN_ID = tag(2, WIRE_DELIMITED)
const LINK_TRACE_STATE = tag(3, WIRE_DELIMITED)
const LINK_ATTRIBUTES = tag(4, WIRE_DELIMITED)
const LINK_DROPPED_ATTRIBUTES_COUNT = tag(5, WIRE_VARINT)
const LINK_FLAGS = tag(6, WIRE_FIXED32)
const STATUS_MESSAGE = tag(2, WIRE_DELIMITED)
const STATUS_CODE = tag(3, WIRE_VARINT)
const KEY_VALUE_KEY = tag(1, WIRE_DELIMITED)
const KEY_VALUE_VALUE = tag(2, WIRE_DELIMITED)
const LIST_VALUES = tag(1, WIRE_DELIMITED) // ArrayValue.values and KeyValueList.values
const ANY_STRING = 1
const ANY_BOOL = 2
const ANY_INT = 3
const ANY_DOUBLE = 4
const ANY_ARRAY = 5
const ANY_KVLIST = 6
const ANY_BYTES = 7

// The highest field number each message defines. A field the scan does not
// read is skipped, as protobufjs does, unless the schema defines it: then
// protobufjs would read it with its own type, and the scan gives up.
const MAX_FIELD = {
  request: 1,
  resourceSpans: 3,
  resource: 2,
  scopeSpans: 3,
  scope: 4,
  span: 16,
  event: 4,
  link: 6,
  status: 3,
  keyValue: 2,
  anyValue: 7,
  list: 1,
}
const RESOURCE_SPANS_SCHEMA_URL = tag(3, WIRE_DELIMITED)
const SCOPE_SPANS_SCHEMA_URL = tag(3, WIRE_DELIMITED)
const SCOPE_DROPPED_ATTRIBUTES_COUNT = tag(4, WIRE_VARINT)
// Status field 1 is reserved (the deprecated code): skipped as an unknown field, when a varint as it was.
const STATUS_DEPRECATED_CODE = tag(1, WIRE_VARINT)

/** One AnyValue as read: which oneof field it holds and where, so it can be written as text or as an object. */
interface AnyValueField {
  field: number
  start: number
  end: number
  /** bool (0 or 1) and double values */
  number: number
  /** int64 values as decimal text */
  intText: string
}

/** Span records of an OTLP protobuf request in the common form; null when it needs the general path. */
export function scanProtobufRequest(body: Buffer, ids: ContentIds, window?: RecordWindow): ScannedRequest | null {
  try {
    return new ProtobufScan(new WireReader(body), ids, window).run()
  } catch {
    return null
  }
}

class ProtobufScan {
  private readonly collected: RecordCollector

  constructor(
    private readonly reader: WireReader,
    private readonly ids: ContentIds,
    window?: RecordWindow,
  ) {
    this.collected = new RecordCollector(window)
  }

  run(): ScannedRequest {
    const { reader } = this
    const end = reader.bytes.length
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === REQUEST_RESOURCE_SPANS) {
        const start = reader.delimited(end)
        this.resourceSpans(start, reader.pos)
      } else reader.skip(fieldTag, MAX_FIELD.request, end)
    }
    reader.expectEnd(end)
    return this.collected.result()
  }

  private resourceSpans(start: number, end: number): void {
    const { reader } = this
    reader.pos = start
    let resource: { attributes: OtlpKeyValue[]; droppedAttributesCount: number } | null = null
    let schemaUrl = ''
    const scopeSpansBounds: number[] = []
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === RESOURCE_SPANS_RESOURCE) {
        // protobufjs keeps the last of a repeated message field; rare enough to leave to it
        if (resource) throw GIVE_UP
        const resourceStart = reader.delimited(end)
        const resourceEnd = reader.pos
        resource = this.resource(resourceStart, resourceEnd)
        reader.pos = resourceEnd
      } else if (fieldTag === RESOURCE_SPANS_SCOPE_SPANS) {
        const scopeStart = reader.delimited(end)
        scopeSpansBounds.push(scopeStart, reader.pos)
      } else if (fieldTag === RESOURCE_SPANS_SCHEMA_URL) schemaUrl = reader.string(reader.delimited(end), reader.pos)
      else reader.skip(fieldTag, MAX_FIELD.resourceSpans, end)
    }
    reader.expectEnd(end)
    const described = describeResource(resource ?? { attributes: [], droppedAttributesCount: 0 }, schemaUrl)
    if (described.reason) throw GIVE_UP
    const idOfResource = resourceIdAtFirstSpan(this.ids, this.collected.resourceAttributes, described)
    for (let index = 0; index < scopeSpansBounds.length; index += 2) {
      this.scopeSpans(scopeSpansBounds[index]!, scopeSpansBounds[index + 1]!, idOfResource, described.serviceName)
    }
    reader.pos = end
  }

  private resource(start: number, end: number): { attributes: OtlpKeyValue[]; droppedAttributesCount: number } {
    const { reader } = this
    reader.pos = start
    const attributes: OtlpKeyValue[] = []
    let droppedAttributesCount = 0
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === RESOURCE_ATTRIBUTES) attributes.push(this.keyValueObject(reader.delimited(end), reader.pos))
      else if (fieldTag === RESOURCE_DROPPED_ATTRIBUTES_COUNT) droppedAttributesCount = reader.uint32()
      else reader.skip(fieldTag, MAX_FIELD.resource, end)
    }
    reader.expectEnd(end)
    return { attributes, droppedAttributesCount }
  }

  private scopeSpans(start: number, end: number, idOfResource: () => number, serviceName: string): void {
    const { reader } = this
    reader.pos = start
    let scope: ReturnType<ProtobufScan['scope']> | null = null
    let schemaUrl = ''
    const spanBounds: number[] = []
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === SCOPE_SPANS_SCOPE) {
        if (scope) throw GIVE_UP
        const scopeStart = reader.delimited(end)
        const scopeEnd = reader.pos
        scope = this.scope(scopeStart, scopeEnd)
        reader.pos = scopeEnd
      } else if (fieldTag === SCOPE_SPANS_SPANS) {
        const spanStart = reader.delimited(end)
        spanBounds.push(spanStart, reader.pos)
      } else if (fieldTag === SCOPE_SPANS_SCHEMA_URL) schemaUrl = reader.string(reader.delimited(end), reader.pos)
      else reader.skip(fieldTag, MAX_FIELD.scopeSpans, end)
    }
    reader.expectEnd(end)
    const described = describeScope(scope ?? {}, schemaUrl)
    if (described.reason) throw GIVE_UP
    let scopeId: number | null = null
    for (let index = 0; index < spanBounds.length; index += 2) {
      const resourceId = idOfResource()
      scopeId ??= this.ids.scopeId(described.scopeJson)
      this.collected.add(this.span(spanBounds[index]!, spanBounds[index + 1]!, resourceId, scopeId, serviceName))
    }
    reader.pos = end
  }

  private scope(start: number, end: number) {
    const { reader } = this
    reader.pos = start
    let name = ''
    let version = ''
    const attributes: OtlpKeyValue[] = []
    let droppedAttributesCount = 0
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === SCOPE_NAME) name = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === SCOPE_VERSION) version = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === SCOPE_ATTRIBUTES) attributes.push(this.keyValueObject(reader.delimited(end), reader.pos))
      else if (fieldTag === SCOPE_DROPPED_ATTRIBUTES_COUNT) droppedAttributesCount = reader.uint32()
      else reader.skip(fieldTag, MAX_FIELD.scope, end)
    }
    reader.expectEnd(end)
    return { name, version, attributes, droppedAttributesCount }
  }

  private span(start: number, end: number, resourceId: number, scopeId: number, serviceName: string): SpanRecord {
    const { reader } = this
    reader.pos = start
    let traceId: string | undefined
    let spanId: string | undefined
    let parentSpanId: string | null = null
    let traceState = ''
    let flags = 0
    let name = ''
    let kind = 0
    let startTimeUnixNano = 0n
    let endTimeUnixNano = 0n
    let attributesJson = ''
    const searchPairs: string[] = []
    let droppedAttributesCount = 0
    const events: unknown[] = []
    let droppedEventsCount = 0
    const links: unknown[] = []
    let droppedLinksCount = 0
    let status = { code: 0, message: '' }
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      switch (fieldTag) {
        case SPAN_TRACE_ID:
          traceId = this.id(reader.delimited(end), reader.pos, TRACE_ID_BYTES)
          break
        case SPAN_SPAN_ID:
          spanId = this.id(reader.delimited(end), reader.pos, SPAN_ID_BYTES)
          break
        case SPAN_TRACE_STATE:
          traceState = reader.string(reader.delimited(end), reader.pos)
          break
        case SPAN_PARENT_SPAN_ID: {
          const idStart = reader.delimited(end)
          parentSpanId = idStart === reader.pos ? null : this.id(idStart, reader.pos, SPAN_ID_BYTES)
          break
        }
        case SPAN_NAME:
          name = reader.string(reader.delimited(end), reader.pos)
          break
        case SPAN_KIND:
          kind = reader.uint32()
          if (kind > MAX_SPAN_KIND) throw GIVE_UP
          break
        case SPAN_START_TIME:
          startTimeUnixNano = reader.fixed64()
          break
        case SPAN_END_TIME:
          endTimeUnixNano = reader.fixed64()
          break
        case SPAN_ATTRIBUTES: {
          const attributeStart = reader.delimited(end)
          const attributeEnd = reader.pos
          attributesJson += `${attributesJson === '' ? '' : ','}${this.attributeText(attributeStart, attributeEnd, searchPairs)}`
          reader.pos = attributeEnd
          break
        }
        case SPAN_DROPPED_ATTRIBUTES_COUNT:
          droppedAttributesCount = reader.uint32()
          break
        case SPAN_EVENTS: {
          const eventStart = reader.delimited(end)
          const eventEnd = reader.pos
          events.push(this.event(eventStart, eventEnd))
          reader.pos = eventEnd
          break
        }
        case SPAN_DROPPED_EVENTS_COUNT:
          droppedEventsCount = reader.uint32()
          break
        case SPAN_LINKS: {
          const linkStart = reader.delimited(end)
          const linkEnd = reader.pos
          links.push(this.link(linkStart, linkEnd))
          reader.pos = linkEnd
          break
        }
        case SPAN_DROPPED_LINKS_COUNT:
          droppedLinksCount = reader.uint32()
          break
        case SPAN_STATUS: {
          const statusStart = reader.delimited(end)
          const statusEnd = reader.pos
          status = this.status(statusStart, statusEnd)
          reader.pos = statusEnd
          break
        }
        case SPAN_FLAGS:
          flags = reader.fixed32()
          break
        default:
          reader.skip(fieldTag, MAX_FIELD.span, end)
      }
    }
    reader.expectEnd(end)
    if (traceId === undefined || spanId === undefined || endTimeUnixNano < startTimeUnixNano || endTimeUnixNano > MAX_STORED_UNIX_NANO) throw GIVE_UP
    const checkedEvents = events.length === 0 ? [] : checkEvents(events)
    const checkedLinks = links.length === 0 ? [] : checkLinks(links)
    if (typeof checkedEvents === 'string' || typeof checkedLinks === 'string') throw GIVE_UP
    const startText = startTimeUnixNano.toString()
    const endText = endTimeUnixNano.toString()
    const json = spanJson({
      spanId,
      parentSpanId,
      traceState,
      flags,
      name,
      kind,
      startTimeUnixNano: startText,
      endTimeUnixNano: endText,
      attributesJson: `[${attributesJson}]`,
      droppedAttributesCount,
      eventsJson: eventsJson(checkedEvents),
      droppedEventsCount,
      linksJson: linksJson(checkedLinks),
      droppedLinksCount,
      statusCode: status.code,
      statusMessage: status.message,
      serviceName,
      resourceId,
      scopeId,
    })
    return {
      traceId,
      spanId,
      parentSpanId,
      name,
      kind,
      serviceName,
      statusCode: status.code,
      startTimeUnixNano,
      endTimeUnixNano,
      resourceId,
      scopeId,
      json,
      searchPairs,
    }
  }

  /** A trace or span id: exactly `byteCount` bytes, not all zero (else the general path rejects the span). */
  private id(start: number, end: number, byteCount: number): string {
    if (end - start !== byteCount) throw GIVE_UP
    const { bytes } = this.reader
    let index = start
    while (index < end && bytes[index] === 0) index += 1
    if (index === end) throw GIVE_UP
    return bytes.toString('hex', start, end)
  }

  /** An event in the shape decode-protobuf.ts gives collectSpans. */
  private event(start: number, end: number) {
    const { reader } = this
    reader.pos = start
    let timeUnixNano = 0n
    let name = ''
    const attributes: OtlpKeyValue[] = []
    let droppedAttributesCount = 0
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === EVENT_TIME) timeUnixNano = reader.fixed64()
      else if (fieldTag === EVENT_NAME) name = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === EVENT_ATTRIBUTES) attributes.push(this.keyValueObject(reader.delimited(end), reader.pos))
      else if (fieldTag === EVENT_DROPPED_ATTRIBUTES_COUNT) droppedAttributesCount = reader.uint32()
      else reader.skip(fieldTag, MAX_FIELD.event, end)
    }
    reader.expectEnd(end)
    return { timeUnixNano: timeUnixNano.toString(), name, attributes, droppedAttributesCount }
  }

  /** A link in the shape decode-protobuf.ts gives collectSpans (its ids are checked there). */
  private link(start: number, end: number) {
    const { reader } = this
    reader.pos = start
    let traceId = ''
    let spanId = ''
    let traceState = ''
    const attributes: OtlpKeyValue[] = []
    let droppedAttributesCount = 0
    let flags = 0
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === LINK_TRACE_ID) traceId = reader.bytes.toString('hex', reader.delimited(end), reader.pos)
      else if (fieldTag === LINK_SPAN_ID) spanId = reader.bytes.toString('hex', reader.delimited(end), reader.pos)
      else if (fieldTag === LINK_TRACE_STATE) traceState = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === LINK_ATTRIBUTES) attributes.push(this.keyValueObject(reader.delimited(end), reader.pos))
      else if (fieldTag === LINK_DROPPED_ATTRIBUTES_COUNT) droppedAttributesCount = reader.uint32()
      else if (fieldTag === LINK_FLAGS) flags = reader.fixed32()
      else reader.skip(fieldTag, MAX_FIELD.link, end)
    }
    reader.expectEnd(end)
    return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags }
  }

  private status(start: number, end: number): { code: number; message: string } {
    const { reader } = this
    reader.pos = start
    let code = 0
    let message = ''
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === STATUS_MESSAGE) message = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === STATUS_CODE) {
        code = reader.uint32()
        if (code > MAX_STATUS_CODE) throw GIVE_UP
      } else if (fieldTag === STATUS_DEPRECATED_CODE) reader.uint32()
      else reader.skip(fieldTag, MAX_FIELD.status, end)
    }
    reader.expectEnd(end)
    return { code, message }
  }

  /** A span attribute as keyValuesJson writes it; its search pair goes to `searchPairs`. */
  private attributeText(start: number, end: number, searchPairs: string[]): string {
    const { key, value } = this.keyValue(start, end)
    if (value === null) return `{"key":${quote(key)},"value":{}}`
    const { field } = value
    if (field === ANY_STRING) {
      const text = this.reader.string(value.start, value.end)
      searchPairs.push(key, text)
      return `{"key":${quote(key)},"value":{"stringValue":${quote(text)}}}`
    }
    if (field === ANY_INT) {
      searchPairs.push(key, value.intText)
      return `{"key":${quote(key)},"value":{"intValue":"${value.intText}"}}`
    }
    if (field === ANY_BOOL) {
      searchPairs.push(key, value.number === 1 ? 'true' : 'false')
      return `{"key":${quote(key)},"value":{"boolValue":${value.number === 1 ? 'true' : 'false'}}}`
    }
    const valueObject = normalizeAnyValue(this.anyValueObject(value, 1))
    if (typeof valueObject === 'string') throw GIVE_UP
    if (field === ANY_DOUBLE) searchPairs.push(key, String(valueObject.doubleValue))
    return `{"key":${quote(key)},"value":${JSON.stringify(valueObject)}}`
  }

  /** A KeyValue's key, and its value's oneof field (null when it has none). */
  private keyValue(start: number, end: number): { key: string; value: AnyValueField | null } {
    const { reader } = this
    reader.pos = start
    let key = ''
    let value: AnyValueField | null = null
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === KEY_VALUE_KEY) key = reader.string(reader.delimited(end), reader.pos)
      else if (fieldTag === KEY_VALUE_VALUE) {
        if (value) throw GIVE_UP
        const valueStart = reader.delimited(end)
        const valueEnd = reader.pos
        value = this.anyValue(valueStart, valueEnd)
        reader.pos = valueEnd
      } else reader.skip(fieldTag, MAX_FIELD.keyValue, end)
    }
    reader.expectEnd(end)
    return { key, value }
  }

  private anyValue(start: number, end: number): AnyValueField | null {
    const { reader } = this
    reader.pos = start
    let value: AnyValueField | null = null
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      const field = fieldTag >>> 3
      // a oneof holds one field; protobufjs would keep two, and the general path picks one by its own order
      if (value && value.field !== field) throw GIVE_UP
      if (
        fieldTag === tag(ANY_STRING, WIRE_DELIMITED) ||
        fieldTag === tag(ANY_ARRAY, WIRE_DELIMITED) ||
        fieldTag === tag(ANY_KVLIST, WIRE_DELIMITED) ||
        fieldTag === tag(ANY_BYTES, WIRE_DELIMITED)
      ) {
        const valueStart = reader.delimited(end)
        value = { field, start: valueStart, end: reader.pos, number: 0, intText: '' }
      } else if (fieldTag === tag(ANY_BOOL, WIRE_VARINT)) {
        const bool = reader.uint32()
        // protobufjs reads any non-zero varint as true; only 0 and 1 are canonical
        if (bool > 1) throw GIVE_UP
        value = { field, start: 0, end: 0, number: bool, intText: '' }
      } else if (fieldTag === tag(ANY_INT, WIRE_VARINT)) {
        value = { field, start: 0, end: 0, number: 0, intText: reader.int64Text() }
      } else if (fieldTag === tag(ANY_DOUBLE, WIRE_FIXED64)) {
        value = { field, start: 0, end: 0, number: reader.double(), intText: '' }
      } else reader.skip(fieldTag, MAX_FIELD.anyValue, end)
    }
    reader.expectEnd(end)
    return value
  }

  /** A KeyValue in the shape decode-protobuf.ts gives collectSpans; its value is at nesting level `depth`. */
  private keyValueObject(start: number, end: number, depth = 1): OtlpKeyValue {
    const { key, value } = this.keyValue(start, end)
    const keyValue = { key, value: value === null ? {} : this.anyValueObject(value, depth) }
    this.reader.pos = end
    return keyValue
  }

  /** An AnyValue at nesting level `depth` in the shape decode-protobuf.ts gives collectSpans. */
  private anyValueObject(value: AnyValueField, depth: number): OtlpAnyValue {
    const { reader } = this
    // too deep for the store: the general path rejects the span and says why
    if (depth > MAX_ANY_VALUE_DEPTH) throw GIVE_UP
    switch (value.field) {
      case ANY_STRING:
        return { stringValue: reader.string(value.start, value.end) }
      case ANY_BOOL:
        return { boolValue: value.number === 1 }
      case ANY_INT:
        return { intValue: value.intText }
      case ANY_DOUBLE:
        return { doubleValue: storedDouble(value.number) }
      case ANY_BYTES:
        return { bytesValue: reader.bytes.toString('base64', value.start, value.end) }
      case ANY_ARRAY:
        return {
          arrayValue: {
            values: this.listValues(value.start, value.end, (itemStart, itemEnd) => {
              const item = this.anyValue(itemStart, itemEnd)
              return item === null ? {} : this.anyValueObject(item, depth + 1)
            }),
          },
        }
      default:
        return {
          kvlistValue: { values: this.listValues(value.start, value.end, (itemStart, itemEnd) => this.keyValueObject(itemStart, itemEnd, depth + 1)) },
        }
    }
  }

  /** The `values` of an ArrayValue or KeyValueList. */
  private listValues<T>(start: number, end: number, read: (itemStart: number, itemEnd: number) => T): T[] {
    const { reader } = this
    reader.pos = start
    const values: T[] = []
    while (reader.pos < end) {
      const fieldTag = reader.uint32()
      if (fieldTag === LIST_VALUES) {
        const itemStart = reader.delimited(end)
        const itemEnd = reader.pos
        values.push(read(itemStart, itemEnd))
        reader.pos = itemEnd
      } else reader.skip(fieldTag, MAX_FIELD.list, end)
    }
    reader.expectEnd(end)
    return values
  }
}
