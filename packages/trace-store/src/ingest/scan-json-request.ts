import { spanJson, eventsJson, linksJson, quote } from './span-json.js'
import { anyValueToSearchText, canonicalInt64, normalizeAnyValue } from '../otlp/any-value.js'
import { checkEvents, checkLinks, checkStatus, describeResource, describeScope, MAX_STORED_UNIX_NANO } from '../otlp/check-span-fields.js'
import { parseOtlpJson } from '../otlp/decode-json.js'
import { isSpanId, isTraceId } from '../otlp/ids.js'
import { CLOSE_BRACE, COLON, DIGITS_PATTERN, GIVE_UP, JsonScanner, OPEN_BRACE, QUOTE } from './json-scanner.js'
import { RecordCollector, resourceIdAtFirstSpan, type ContentIds, type RecordWindow, type ScannedRequest } from './scanned-request.js'
import type { SpanRecord } from './span-record.js'

// The fast path of JSON ingest. JSON.parse builds an object for every
// attribute, value and id of a request, and most of ingest's time went into
// building, walking and re-serialising that graph. This scanner reads the
// request text once, validates it, and copies each span's attribute list into
// the stored text as it was sent. It takes only requests in the form
// exporters send (lower-case hex ids, times as digits, scalar values in their
// canonical spelling, no invalid span); anything else makes it give up
// (`null`), and the request goes through JSON.parse and collectSpans, which
// know every spelling the OTLP JSON mapping allows and say what is wrong.

const MAX_UINT32 = 0xffffffff
// int64 text of 19 digits may be beyond the range: those are checked with BigInt
const SHORT_INT_DIGITS = 18
const SHORT_INT_PATTERN = /^(0|-?[1-9]\d*)$/

// The attribute exporters write most: one native regex match instead of a dozen scanner steps.
const PLAIN_ATTRIBUTE =
  // eslint-disable-next-line no-control-regex -- control characters cannot appear raw in a JSON string
  /\{"key":"([^"\\\u0000-\u001f]*)","value":\{(?:"stringValue":"([^"\\\u0000-\u001f]*)"|"intValue":"(-?(?:0|[1-9]\d{0,18}))"|"boolValue":(true|false))\}\}/y

/** Span records of an OTLP JSON request in the common form; null when it needs the general path. */
export function scanJsonRequest(text: string, ids: ContentIds, window?: RecordWindow): ScannedRequest | null {
  try {
    return new RequestScan(new JsonScanner(text), ids, window).run()
  } catch {
    return null
  }
}

class RequestScan {
  private readonly collected: RecordCollector

  constructor(
    private readonly scanner: JsonScanner,
    private readonly ids: ContentIds,
    window?: RecordWindow,
  ) {
    this.collected = new RecordCollector(window)
  }

  run(): ScannedRequest {
    const { scanner } = this
    let seen = false
    scanner.object((key) => {
      if (key !== 'resourceSpans') return void scanner.value()
      if (seen) throw GIVE_UP
      seen = true
      scanner.array(() => this.resourceSpans())
    })
    scanner.skipWhitespace()
    if (scanner.pos !== scanner.text.length) throw GIVE_UP
    return this.collected.result()
  }

  private resourceSpans(): void {
    const { scanner } = this
    let resource: unknown
    let resourceSeen = false
    let schemaUrl: string | undefined
    let scopesSeen = false
    scanner.object((key) => {
      if (key === 'resource') {
        // JSON.parse keeps the last of repeated keys; spans already read would have the wrong resource
        if (resourceSeen || scopesSeen) throw GIVE_UP
        resourceSeen = true
        resource = parseOtlpJson(scanner.value())
      } else if (key === 'schemaUrl') {
        if (schemaUrl !== undefined) throw GIVE_UP
        schemaUrl = scanner.string()
        // exporters write it after the spans; spans already read were labelled with the resource without it
        if (scopesSeen && schemaUrl !== '') throw GIVE_UP
      } else if (key === 'scopeSpans') {
        if (scopesSeen) throw GIVE_UP
        scopesSeen = true
        const described = describeResource(resource, schemaUrl)
        if (described.reason) throw GIVE_UP
        const idOfResource = resourceIdAtFirstSpan(this.ids, this.collected.resourceAttributes, described)
        scanner.array(() => this.scopeSpans(idOfResource, described.serviceName))
      } else {
        scanner.value()
      }
    })
  }

  private scopeSpans(idOfResource: () => number, serviceName: string): void {
    const { scanner } = this
    let scope: unknown
    let scopeSeen = false
    let schemaUrl: string | undefined
    let spansSeen = false
    scanner.object((key) => {
      if (key === 'scope') {
        if (scopeSeen || spansSeen) throw GIVE_UP
        scopeSeen = true
        scope = parseOtlpJson(scanner.value())
      } else if (key === 'schemaUrl') {
        if (schemaUrl !== undefined) throw GIVE_UP
        schemaUrl = scanner.string()
        if (spansSeen && schemaUrl !== '') throw GIVE_UP
      } else if (key === 'spans') {
        if (spansSeen) throw GIVE_UP
        spansSeen = true
        const described = describeScope(scope, schemaUrl)
        if (described.reason) throw GIVE_UP
        let scopeId: number | null = null
        scanner.array(() => {
          const resourceId = idOfResource()
          scopeId ??= this.ids.scopeId(described.scopeJson)
          this.collected.add(this.span(resourceId, scopeId, serviceName))
        })
      } else {
        scanner.value()
      }
    })
  }

  private span(resourceId: number, scopeId: number, serviceName: string): SpanRecord {
    const { scanner } = this
    let traceId: string | undefined
    let spanId: string | undefined
    let parentSpanId: string | null = null
    let traceState = ''
    let flags = 0
    let name: string | undefined
    let kind = 0
    let startText: string | undefined
    let endText: string | undefined
    let attributesJson = '[]'
    let searchPairs: string[] = []
    let droppedAttributesCount = 0
    let eventsText = '[]'
    let droppedEventsCount = 0
    let linksText = '[]'
    let droppedLinksCount = 0
    let status = { code: 0, message: '' }
    scanner.object((key) => {
      switch (key) {
        case 'traceId':
          traceId = scanner.string()
          if (!isTraceId(traceId)) throw GIVE_UP
          break
        case 'spanId':
          spanId = scanner.string()
          if (!isSpanId(spanId)) throw GIVE_UP
          break
        case 'parentSpanId':
          if (scanner.peek() === 110) {
            scanner.literal('null')
            parentSpanId = null
          } else {
            const id = scanner.string()
            if (id !== '' && !isSpanId(id)) throw GIVE_UP
            parentSpanId = id === '' ? null : id
          }
          break
        case 'traceState':
          traceState = scanner.string()
          break
        case 'flags':
          flags = uint32(scanner.count())
          break
        case 'name':
          name = scanner.string()
          break
        case 'kind':
          kind = scanner.count()
          if (kind > 5) throw GIVE_UP
          break
        case 'startTimeUnixNano':
          startText = this.unixNanoText()
          break
        case 'endTimeUnixNano':
          endText = this.unixNanoText()
          break
        case 'attributes':
          ;({ json: attributesJson, pairs: searchPairs } = this.keyValues())
          break
        case 'droppedAttributesCount':
          droppedAttributesCount = uint32(scanner.count())
          break
        case 'events':
          eventsText = scanner.value()
          break
        case 'droppedEventsCount':
          droppedEventsCount = uint32(scanner.count())
          break
        case 'links':
          linksText = scanner.value()
          break
        case 'droppedLinksCount':
          droppedLinksCount = uint32(scanner.count())
          break
        case 'status': {
          const checked = checkStatus(parseOtlpJson(scanner.value()))
          if (typeof checked === 'string') throw GIVE_UP
          status = checked
          break
        }
        default:
          scanner.value()
      }
    })
    if (traceId === undefined || spanId === undefined || name === undefined || startText === undefined || endText === undefined) throw GIVE_UP
    const startTimeUnixNano = BigInt(startText)
    const endTimeUnixNano = BigInt(endText)
    if (endTimeUnixNano < startTimeUnixNano) throw GIVE_UP
    const json = spanJson({
      spanId,
      parentSpanId,
      traceState,
      flags,
      name,
      kind,
      startTimeUnixNano: startText,
      endTimeUnixNano: endText,
      attributesJson,
      droppedAttributesCount,
      eventsJson: eventsText === '[]' ? '[]' : checkedListJson(eventsText, checkEvents, eventsJson),
      droppedEventsCount,
      linksJson: linksText === '[]' ? '[]' : checkedListJson(linksText, checkLinks, linksJson),
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

  /** A time: digits, in a string or as a JSON number, at most MAX_STORED_UNIX_NANO (what collectSpans would write back), or GIVE_UP. */
  private unixNanoText(): string {
    const { scanner } = this
    const text = scanner.peek() === QUOTE ? scanner.string() : scanner.number()
    if (!DIGITS_PATTERN.test(text) || BigInt(text) > MAX_STORED_UNIX_NANO) throw GIVE_UP
    return text
  }

  /** An attribute list as keyValuesJson would write it, and its scalar values for search. */
  private keyValues(): { json: string; pairs: string[] } {
    const { scanner } = this
    const pairs: string[] = []
    let json = ''
    scanner.array(() => {
      scanner.skipWhitespace()
      PLAIN_ATTRIBUTE.lastIndex = scanner.pos
      const plain = PLAIN_ATTRIBUTE.exec(scanner.text)
      if (plain && (plain[3] === undefined || isCanonicalInt(plain[3]))) {
        scanner.pos = PLAIN_ATTRIBUTE.lastIndex
        json += `${json === '' ? '' : ','}${plain[0]}`
        pairs.push(plain[1]!, plain[2] ?? plain[3] ?? plain[4]!)
        return
      }
      let key: string | undefined
      let value: { json: string; searchText: string | null } | undefined
      scanner.object((field) => {
        if (field === 'key' && key === undefined) key = scanner.string()
        else if (field === 'value' && value === undefined) value = this.anyValue()
        else throw GIVE_UP
      })
      if (key === undefined || value === undefined) throw GIVE_UP
      json += `${json === '' ? '' : ','}{"key":${quote(key)},"value":${value.json}}`
      if (value.searchText !== null) pairs.push(key, value.searchText)
    })
    return { json: `[${json}]`, pairs }
  }

  /** One AnyValue as the general path stores it, and its search text (null for lists, maps, bytes and empty values). */
  private anyValue(): { json: string; searchText: string | null } {
    const { scanner } = this
    scanner.skipWhitespace()
    const start = scanner.pos
    scanner.expect(OPEN_BRACE)
    if (scanner.take(CLOSE_BRACE)) return { json: '{}', searchText: null }
    const field = scanner.string()
    scanner.expect(COLON)
    let value: { json: string; searchText: string | null }
    switch (field) {
      case 'stringValue': {
        const text = scanner.string()
        value = { json: `{"stringValue":${quote(text)}}`, searchText: text }
        break
      }
      case 'intValue': {
        const text = scanner.string()
        if (!isCanonicalInt(text)) throw GIVE_UP
        value = { json: `{"intValue":"${text}"}`, searchText: text }
        break
      }
      case 'boolValue': {
        const bool = scanner.boolean()
        value = { json: `{"boolValue":${bool}}`, searchText: String(bool) }
        break
      }
      case 'doubleValue': {
        const double = Number(scanner.number())
        if (!Number.isFinite(double)) throw GIVE_UP
        value = { json: JSON.stringify({ doubleValue: double }), searchText: String(double) }
        break
      }
      default: {
        // lists, maps, bytes and the unusual: checked and normalised as the general path does
        scanner.pos = start
        const normalized = normalizeAnyValue(parseOtlpJson(scanner.value()))
        if (typeof normalized === 'string') throw GIVE_UP
        return { json: JSON.stringify(normalized), searchText: anyValueToSearchText(normalized) }
      }
    }
    scanner.expect(CLOSE_BRACE)
    return value
  }
}

/** Counts and flags are uint32 and fixed32: a larger number is rejected by the general path. */
function uint32(count: number): number {
  if (count > MAX_UINT32) throw GIVE_UP
  return count
}

/** int64 text as the general path would write it back: no leading zeros, no "-0", within the int64 range. */
function isCanonicalInt(text: string): boolean {
  const digitCount = text.startsWith('-') ? text.length - 1 : text.length
  if (digitCount <= SHORT_INT_DIGITS) return SHORT_INT_PATTERN.test(text)
  return canonicalInt64(text) === text
}

function checkedListJson<T>(text: string, check: (value: unknown) => T[] | string, toJson: (list: T[]) => string): string {
  const checked = check(parseOtlpJson(text))
  if (typeof checked === 'string') throw GIVE_UP
  return toJson(checked)
}
