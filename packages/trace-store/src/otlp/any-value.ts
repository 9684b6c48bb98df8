import type { OtlpAnyValue, OtlpKeyValue } from './otlp-types.js'

const INT_PATTERN = /^-?\d{1,20}$/
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]*={0,2}$/
const SPECIAL_DOUBLES = new Set(['NaN', 'Infinity', '-Infinity'])
const MAX_DEPTH = 16

/**
 * Checks one OTLP JSON AnyValue, normalising in place where the JSON
 * mapping allows two spellings (int64 as number or string). Returns the
 * reason it is invalid, or null.
 */
export function checkAnyValue(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return 'value nested too deeply'
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'value must be an object'
  const anyValue = value as Record<string, unknown>
  if ('stringValue' in anyValue) return typeof anyValue.stringValue === 'string' ? null : 'stringValue must be a string'
  if ('boolValue' in anyValue) return typeof anyValue.boolValue === 'boolean' ? null : 'boolValue must be a boolean'
  if ('intValue' in anyValue) {
    const intValue = anyValue.intValue
    if (typeof intValue === 'number' && Number.isSafeInteger(intValue)) {
      anyValue.intValue = String(intValue)
      return null
    }
    return typeof intValue === 'string' && INT_PATTERN.test(intValue) ? null : 'intValue must be an integer'
  }
  if ('doubleValue' in anyValue) {
    const doubleValue = anyValue.doubleValue
    if (typeof doubleValue === 'number') return null
    if (typeof doubleValue === 'string' && (SPECIAL_DOUBLES.has(doubleValue) || Number.isFinite(Number(doubleValue)))) return null
    return 'doubleValue must be a number'
  }
  if ('bytesValue' in anyValue) {
    return typeof anyValue.bytesValue === 'string' && BASE64_PATTERN.test(anyValue.bytesValue) ? null : 'bytesValue must be base64'
  }
  if ('arrayValue' in anyValue) {
    const values = (anyValue.arrayValue as { values?: unknown } | null)?.values ?? []
    if (!Array.isArray(values)) return 'arrayValue.values must be an array'
    for (const item of values) {
      const reason = checkAnyValue(item, depth + 1)
      if (reason) return `arrayValue: ${reason}`
    }
    return null
  }
  if ('kvlistValue' in anyValue) {
    const values = (anyValue.kvlistValue as { values?: unknown } | null)?.values ?? []
    const reason = checkKeyValues(values, depth + 1)
    return reason ? `kvlistValue: ${reason}` : null
  }
  // An empty AnyValue is legal in OTLP: the attribute is present without a value.
  return null
}

/** Checks a KeyValue list (attributes); returns the reason it is invalid, or null. */
export function checkKeyValues(list: unknown, depth = 0): string | null {
  if (list === undefined || list === null) return null
  if (!Array.isArray(list)) return 'attributes must be an array'
  for (const item of list) {
    if (item === null || typeof item !== 'object') return 'attribute must be an object'
    const { key, value } = item as { key?: unknown; value?: unknown }
    if (typeof key !== 'string') return 'attribute key must be a string'
    if (value === undefined || value === null) continue
    const reason = checkAnyValue(value, depth)
    if (reason) return `attribute "${key}": ${reason}`
  }
  return null
}

/** The string form of a scalar AnyValue, used for attribute search; null for lists, maps and empty values. */
export function anyValueToSearchText(value: OtlpAnyValue | undefined): string | null {
  if (!value) return null
  if (value.stringValue !== undefined) return value.stringValue
  if (value.intValue !== undefined) return value.intValue
  if (value.boolValue !== undefined) return String(value.boolValue)
  if (value.doubleValue !== undefined) return String(value.doubleValue)
  return null
}

export function findStringAttribute(attributes: OtlpKeyValue[] | undefined, key: string): string | undefined {
  if (!attributes) return undefined
  for (const attribute of attributes) {
    if (attribute.key === key && typeof attribute.value?.stringValue === 'string') return attribute.value.stringValue
  }
  return undefined
}
