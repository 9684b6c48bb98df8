import { spanJson, eventsJson, linksJson } from './span-json.js'
import { checkAnyValue } from '../otlp/any-value.js'
import { checkEvents, checkLinks, checkStatus, describeResource, describeScope } from '../otlp/check-span-fields.js'
import { isSpanId, isTraceId } from '../otlp/ids.js'
import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import { CLOSE_BRACE, COLON, DIGITS_PATTERN, GIVE_UP, JsonScanner, OPEN_BRACE } from './json-scanner.js'
import type { ContentIds, ScannedRequest } from './scanned-request.js'
import type { SpanRecord } from './span-record.js'

// The fast path of JSON ingest. JSON.parse builds an object for every
// attribute, value and id of a request, and most of ingest's time went into
// building, walking and re-serialising that graph. This scanner reads the
// request text once, validates it, and copies each span's attribute list into
// the stored text as it was sent. It takes only requests in the form
// exporters send (lower-case hex ids, times as decimal strings, scalar values
// in their canonical spelling, no invalid span); anything else makes it give up
// (`null`), and the request goes through JSON.parse and collectSpans, which
// know every spelling the OTLP JSON mapping allows and say what is wrong.

const MAX_UINT64 = (1n << 64n) - 1n
const INT_PATTERN = /^-?\d{1,20}$/
// quotes inside strings are escaped, so this only matches the key itself
const NUMERIC_INT_VALUE_PATTERN = /"intValue"\s*:\s*-?\d/

// The attribute exporters write most: one native regex match instead of a dozen scanner steps.
const PLAIN_ATTRIBUTE =
  // eslint-disable-next-line no-control-regex -- control characters cannot appear raw in a JSON string
  /\{"key":"([^"\\\u0000-\u001f]*)","value":\{(?:"stringValue":"([^"\\\u0000-\u001f]*)"|"intValue":"(-?\d{1,20})"|"boolValue":(true|false))\}\}/y

/** Span records of an OTLP JSON request in the common form; null when it needs the general path. */
export function scanJsonRequest(text: string, ids: ContentIds): ScannedRequest | null {
  try {
    return new RequestScan(new JsonScanner(text), ids).run()
  } catch {
    return null
  }
}

class RequestScan {
  private readonly records: SpanRecord[] = []
  private readonly resourceAttributes = new Map<number, OtlpKeyValue[]>()

  constructor(
    private readonly scanner: JsonScanner,
    private readonly ids: ContentIds,
  ) {}

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
    return { records: this.records, resourceAttributes: this.resourceAttributes }
  }

  private resourceSpans(): void {
    const { scanner } = this
    let resource: ReturnType<typeof describeResource> | null = null
    let scopesSeen = false
    scanner.object((key) => {
      if (key === 'resource') {
        // JSON.parse keeps the last of repeated keys; spans already read would have the wrong resource
        if (resource || scopesSeen) throw GIVE_UP
        resource = describeResource(JSON.parse(scanner.value()))
        if (resource.reason) throw GIVE_UP
      } else if (key === 'scopeSpans') {
        if (scopesSeen) throw GIVE_UP
        scopesSeen = true
        resource ??= describeResource(undefined)
        const resourceId = this.ids.resourceId(resource.resourceJson)
        this.resourceAttributes.set(resourceId, resource.attributes)
        const { serviceName } = resource
        scanner.array(() => this.scopeSpans(resourceId, serviceName))
      } else {
        scanner.value()
      }
    })
  }

  private scopeSpans(resourceId: number, serviceName: string): void {
    const { scanner } = this
    let scopeId: number | null = null
    let spansSeen = false
    scanner.object((key) => {
      if (key === 'scope') {
        if (scopeId !== null || spansSeen) throw GIVE_UP
        const scope = describeScope(JSON.parse(scanner.value()))
        if (scope.reason) throw GIVE_UP
        scopeId = this.ids.scopeId(scope.scopeJson)
      } else if (key === 'spans') {
        if (spansSeen) throw GIVE_UP
        spansSeen = true
        scopeId ??= this.ids.scopeId(describeScope(undefined).scopeJson)
        const spanScopeId = scopeId
        scanner.array(() => this.records.push(this.span(resourceId, spanScopeId, serviceName)))
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
          flags = scanner.count()
          break
        case 'name':
          name = scanner.string()
          break
        case 'kind':
          kind = scanner.count()
          if (kind > 5) throw GIVE_UP
          break
        case 'startTimeUnixNano':
          startText = unixNanoText(scanner.string())
          break
        case 'endTimeUnixNano':
          endText = unixNanoText(scanner.string())
          break
        case 'attributes':
          ;({ json: attributesJson, pairs: searchPairs } = this.keyValues())
          break
        case 'droppedAttributesCount':
          droppedAttributesCount = scanner.count()
          break
        case 'events':
          eventsText = scanner.value()
          break
        case 'droppedEventsCount':
          droppedEventsCount = scanner.count()
          break
        case 'links':
          linksText = scanner.value()
          break
        case 'droppedLinksCount':
          droppedLinksCount = scanner.count()
          break
        case 'status': {
          const checked = checkStatus(JSON.parse(scanner.value()))
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

  /** An attribute list: its text as sent, and its scalar values for search. */
  private keyValues(): { json: string; pairs: string[] } {
    const { scanner } = this
    const pairs: string[] = []
    scanner.skipWhitespace()
    const start = scanner.pos
    scanner.array(() => {
      scanner.skipWhitespace()
      PLAIN_ATTRIBUTE.lastIndex = scanner.pos
      const plain = PLAIN_ATTRIBUTE.exec(scanner.text)
      if (plain) {
        scanner.pos = PLAIN_ATTRIBUTE.lastIndex
        pairs.push(plain[1]!, plain[2] ?? plain[3] ?? plain[4]!)
        return
      }
      let key: string | undefined
      let hasValue = false
      let searchText: string | null = null
      scanner.object((field) => {
        if (field === 'key' && key === undefined) key = scanner.string()
        else if (field === 'value' && !hasValue) {
          hasValue = true
          searchText = this.anyValue()
        } else throw GIVE_UP
      })
      if (key === undefined || !hasValue) throw GIVE_UP
      if (searchText !== null) pairs.push(key, searchText)
    })
    return { json: scanner.text.slice(start, scanner.pos), pairs }
  }

  /** One AnyValue with a single field; returns its search text (null for lists, maps, bytes and empty values). */
  private anyValue(): string | null {
    const { scanner } = this
    scanner.skipWhitespace()
    const start = scanner.pos
    scanner.expect(OPEN_BRACE)
    if (scanner.take(CLOSE_BRACE)) return null
    const field = scanner.string()
    scanner.expect(COLON)
    let searchText: string | null
    switch (field) {
      case 'stringValue':
        searchText = scanner.string()
        break
      case 'intValue':
        searchText = scanner.string()
        if (!INT_PATTERN.test(searchText)) throw GIVE_UP
        break
      case 'boolValue':
        searchText = String(scanner.boolean())
        break
      case 'doubleValue':
        searchText = String(Number(scanner.number()))
        break
      default: {
        scanner.pos = start
        const valueText = scanner.value()
        // collectSpans would rewrite a numeric intValue inside a list or map as a string; the text as sent would not be
        if (NUMERIC_INT_VALUE_PATTERN.test(valueText) || checkAnyValue(JSON.parse(valueText)) !== null) throw GIVE_UP
        return null
      }
    }
    scanner.expect(CLOSE_BRACE)
    return searchText
  }
}

/** A time as a canonical decimal string (what collectSpans would write back), or GIVE_UP. */
function unixNanoText(text: string): string {
  if (!DIGITS_PATTERN.test(text) || BigInt(text) > MAX_UINT64) throw GIVE_UP
  return text
}

function checkedListJson<T>(text: string, check: (value: unknown) => T[] | string, toJson: (list: T[]) => string): string {
  const checked = check(JSON.parse(text))
  if (typeof checked === 'string') throw GIVE_UP
  return toJson(checked)
}
