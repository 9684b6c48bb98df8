import { anyValueToSearchText } from '../otlp/any-value.js'
import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

/** Longer values are not searchable: they are rarely searched for exactly and would bloat the digest. */
export const MAX_SEARCHABLE_VALUE_LENGTH = 256

// A digest is lines, each `key SEPARATOR value`, with LINE_SEPARATOR before and after each line; a search is a
// substring test for one whole line. For that test to match exactly the pairs that were added, the encoding must be
// injective: no key or value may hold a separator, the escape character or PSEUDO_KEY_MARK, so each is escaped as
// ESCAPE + a letter. The escape is a control character rather than a backslash so that the lines of databases written
// before this encoding (which only turned newlines into `\n`) stay the same for every value without a control
// character: only their values with a newline stop being found (the README says so).
const LINE_SEPARATOR = '\n'
const KEY_VALUE_SEPARATOR = '\u001f'
const ESCAPE = '\u0001'
// Starts the pseudo-keys of what search filters on besides attributes; an escaped key never holds it.
const PSEUDO_KEY_MARK = '\u0002'
const SPAN_NAME_KEY = `${PSEUDO_KEY_MARK}span.name`
const SERVICE_SPAN_NAME_KEY = `${PSEUDO_KEY_MARK}service.span.name`

/** What each character that needs it is escaped as, by char code. */
const ESCAPED_BY_CODE = new Map<number, string>([
  [ESCAPE.charCodeAt(0), `${ESCAPE}e`],
  [LINE_SEPARATOR.charCodeAt(0), `${ESCAPE}n`],
  [KEY_VALUE_SEPARATOR.charCodeAt(0), `${ESCAPE}s`],
  [PSEUDO_KEY_MARK.charCodeAt(0), `${ESCAPE}p`],
])
/** Every character that needs escaping is below this code: most texts are passed over with one comparison a character. */
const FIRST_SAFE_CODE = KEY_VALUE_SEPARATOR.charCodeAt(0) + 1

/** A key or value as a digest holds it: without separators, escape characters or pseudo-key marks. */
function escapeField(text: string): string {
  let escaped = ''
  let copiedUpTo = 0
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) >= FIRST_SAFE_CODE) continue
    const replacement = ESCAPED_BY_CODE.get(text.charCodeAt(index))
    if (replacement === undefined) continue
    escaped += text.slice(copiedUpTo, index) + replacement
    copiedUpTo = index + 1
  }
  return copiedUpTo === 0 ? text : escaped + text.slice(copiedUpTo)
}

/** The line an attribute `key = value` adds to a digest; also the needle a search looks for. */
export function digestLine(key: string, valueText: string): string {
  return `${LINE_SEPARATOR}${escapeField(key)}${KEY_VALUE_SEPARATOR}${escapeField(valueText)}${LINE_SEPARATOR}`
}

export function spanNameDigestLine(spanName: string): string {
  return `${LINE_SEPARATOR}${SPAN_NAME_KEY}${KEY_VALUE_SEPARATOR}${escapeField(spanName)}${LINE_SEPARATOR}`
}

export function serviceSpanNameDigestLine(serviceName: string, spanName: string): string {
  return `${serviceDigestNeedle(serviceName)}${escapeField(spanName)}${LINE_SEPARATOR}`
}

/** Matches the line of any span name in the service. */
export function serviceDigestNeedle(serviceName: string): string {
  return `${LINE_SEPARATOR}${SERVICE_SPAN_NAME_KEY}${KEY_VALUE_SEPARATOR}${escapeField(serviceName)}${KEY_VALUE_SEPARATOR}`
}

/**
 * Collects every distinct scalar `key = value` pair of a chunk's spans and
 * their resources, plus the span names, so that search is an exact substring
 * match in SQLite without decompressing or parsing span JSON.
 */
export class AttributeDigestBuilder {
  private readonly valuesByKey = new Map<string, Set<string>>()
  private readonly spanNamesByService = new Map<string, Set<string>>()
  private readonly seenLists = new Set<OtlpKeyValue[]>()

  private add(key: string, valueText: string): void {
    addToSet(this.valuesByKey, key, valueText)
  }

  addAttributes(attributes: OtlpKeyValue[]): void {
    // Resource attribute lists are shared by many spans: read each once.
    if (this.seenLists.has(attributes)) return
    this.seenLists.add(attributes)
    for (const attribute of attributes) {
      const valueText = anyValueToSearchText(attribute.value)
      if (valueText !== null && valueText.length <= MAX_SEARCHABLE_VALUE_LENGTH) this.add(attribute.key, valueText)
    }
  }

  /** A span record's attributes (its search pairs) and its name. */
  addSpan(span: Pick<SpanRecord, 'searchPairs' | 'name' | 'serviceName'>): void {
    const pairs = span.searchPairs
    for (let index = 0; index < pairs.length; index += 2) {
      const valueText = pairs[index + 1]!
      if (valueText.length <= MAX_SEARCHABLE_VALUE_LENGTH) this.add(pairs[index]!, valueText)
    }
    addToSet(this.spanNamesByService, span.serviceName, span.name)
  }

  build(): string {
    // keys, values and names are escaped once each, after de-duplication
    const lines: string[] = []
    for (const [key, values] of this.valuesByKey) {
      const escapedKey = escapeField(key)
      for (const value of values) lines.push(`${escapedKey}${KEY_VALUE_SEPARATOR}${escapeField(value)}`)
    }
    const spanNames = new Set<string>()
    for (const [service, names] of this.spanNamesByService) {
      const servicePrefix = `${SERVICE_SPAN_NAME_KEY}${KEY_VALUE_SEPARATOR}${escapeField(service)}${KEY_VALUE_SEPARATOR}`
      for (const name of names) {
        const escapedName = escapeField(name)
        spanNames.add(escapedName)
        lines.push(`${servicePrefix}${escapedName}`)
      }
    }
    for (const escapedName of spanNames) lines.push(`${SPAN_NAME_KEY}${KEY_VALUE_SEPARATOR}${escapedName}`)
    return `${LINE_SEPARATOR}${lines.join(LINE_SEPARATOR)}${LINE_SEPARATOR}`
  }
}

function addToSet(setsByKey: Map<string, Set<string>>, key: string, value: string): void {
  let values = setsByKey.get(key)
  if (!values) {
    values = new Set()
    setsByKey.set(key, values)
  }
  values.add(value)
}
