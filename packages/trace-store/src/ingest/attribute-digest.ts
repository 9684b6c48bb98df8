import { anyValueToSearchText } from '../otlp/any-value.js'
import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

/** Longer values are not searchable: they are rarely searched for exactly and would bloat the digest. */
export const MAX_SEARCHABLE_VALUE_LENGTH = 256
const KEY_VALUE_SEPARATOR = '\u001f'
const LINE_SEPARATOR = '\n'
// Pseudo-keys for what search filters on besides attributes; the control
// character keeps them apart from any real attribute key.
const SPAN_NAME_KEY = '\u0002span.name'
const SERVICE_SPAN_NAME_KEY = '\u0002service.span.name'

function escapeLine(text: string): string {
  return text.includes(LINE_SEPARATOR) ? text.replaceAll(LINE_SEPARATOR, '\\n') : text
}

/** The line an attribute `key = value` adds to a digest; also the needle a search looks for. */
export function digestLine(key: string, valueText: string): string {
  return `${LINE_SEPARATOR}${escapeLine(key)}${KEY_VALUE_SEPARATOR}${escapeLine(valueText)}${LINE_SEPARATOR}`
}

export function spanNameDigestLine(spanName: string): string {
  return digestLine(SPAN_NAME_KEY, spanName)
}

export function serviceSpanNameDigestLine(serviceName: string, spanName: string): string {
  return digestLine(SERVICE_SPAN_NAME_KEY, `${serviceName}${KEY_VALUE_SEPARATOR}${spanName}`)
}

/** Matches the line of any span name in the service. */
export function serviceDigestNeedle(serviceName: string): string {
  return `${LINE_SEPARATOR}${SERVICE_SPAN_NAME_KEY}${KEY_VALUE_SEPARATOR}${escapeLine(serviceName)}${KEY_VALUE_SEPARATOR}`
}

/**
 * Collects every distinct scalar `key = value` pair of a chunk's spans and
 * their resources, plus the span names, so that search is an exact substring
 * match in SQLite without decompressing or parsing span JSON.
 */
export class AttributeDigestBuilder {
  private readonly valuesByKey = new Map<string, Set<string>>()
  private readonly seenLists = new Set<OtlpKeyValue[]>()

  private add(key: string, valueText: string): void {
    let values = this.valuesByKey.get(key)
    if (!values) {
      values = new Set()
      this.valuesByKey.set(key, values)
    }
    values.add(valueText)
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
    this.add(SPAN_NAME_KEY, span.name)
    this.add(SERVICE_SPAN_NAME_KEY, `${span.serviceName}${KEY_VALUE_SEPARATOR}${span.name}`)
  }

  build(): string {
    const lines: string[] = []
    for (const [key, values] of this.valuesByKey) {
      const escapedKey = escapeLine(key)
      for (const value of values) lines.push(`${escapedKey}${KEY_VALUE_SEPARATOR}${escapeLine(value)}`)
    }
    return `${LINE_SEPARATOR}${lines.join(LINE_SEPARATOR)}${LINE_SEPARATOR}`
  }
}
