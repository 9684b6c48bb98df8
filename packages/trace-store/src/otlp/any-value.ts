import type { OtlpAnyValue, OtlpKeyValue } from './otlp-types.js'

const INT_PATTERN = /^-?\d{1,20}$/
const MIN_INT64 = -(1n << 63n)
const MAX_INT64 = (1n << 63n) - 1n
// a JSON number as text: what the proto3 JSON mapping accepts for a double in a string
const DOUBLE_TEXT_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]*={0,2}$/
const SPECIAL_DOUBLES = new Set(['NaN', 'Infinity', '-Infinity'])

/**
 * How deep an attribute value may nest lists and maps: a scalar is one level,
 * a list of scalars two. A deeper value rejects its span, not the request.
 * OTLP sets no limit; 32 is what protobuf decoders can always read: they refuse
 * messages nested more than 100 deep (protoc's default, and protobufjs's), and
 * a map of maps 32 levels deep in an event's attributes is 99 messages deep.
 */
export const MAX_ANY_VALUE_DEPTH = 32
const TOO_DEEP = `value nested more than ${MAX_ANY_VALUE_DEPTH} levels deep`

/** A nested value's reason with where it is; too deep is said once, not once per level. */
function within(where: string, reason: string): string {
  return reason === TOO_DEEP ? reason : `${where}${reason}`
}

/** An int64 as canonical decimal text (what the protobuf path writes), or null when it is not one. */
export function canonicalInt64(text: string): string | null {
  if (!INT_PATTERN.test(text)) return null
  const value = BigInt(text)
  return value >= MIN_INT64 && value <= MAX_INT64 ? value.toString() : null
}

/** A double as stored: a number, or the proto3 JSON spelling of NaN and ±Infinity (which JSON numbers cannot hold). */
export function storedDouble(value: number): number | string {
  return Number.isFinite(value) ? value : String(value)
}

/**
 * Checks one OTLP JSON AnyValue and returns it normalised — only its oneof
 * field, int64 as canonical decimal text, doubles as numbers or their special
 * spellings, bytes as standard base64 — or the reason it is invalid (a string).
 * `depth` is the value's level (1 for an attribute's value).
 */
export function normalizeAnyValue(value: unknown, depth = 1): OtlpAnyValue | string {
  if (depth > MAX_ANY_VALUE_DEPTH) return TOO_DEEP
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'value must be an object'
  const anyValue = value as Record<string, unknown>
  if ('stringValue' in anyValue) {
    return typeof anyValue.stringValue === 'string' ? { stringValue: anyValue.stringValue } : 'stringValue must be a string'
  }
  if ('boolValue' in anyValue) return typeof anyValue.boolValue === 'boolean' ? { boolValue: anyValue.boolValue } : 'boolValue must be a boolean'
  if ('intValue' in anyValue) return normalizeIntValue(anyValue.intValue)
  if ('doubleValue' in anyValue) return normalizeDoubleValue(anyValue.doubleValue)
  if ('bytesValue' in anyValue) {
    const bytes = anyValue.bytesValue
    if (typeof bytes !== 'string' || !BASE64_PATTERN.test(bytes)) return 'bytesValue must be base64'
    // the JSON mapping accepts URL-safe and unpadded base64; stored as the protobuf path writes it
    return { bytesValue: Buffer.from(bytes, 'base64').toString('base64') }
  }
  if ('arrayValue' in anyValue) {
    const values = listOf(anyValue.arrayValue)
    if (!Array.isArray(values)) return 'arrayValue.values must be an array'
    const normalized: OtlpAnyValue[] = []
    for (const item of values) {
      const itemValue = normalizeAnyValue(item, depth + 1)
      if (typeof itemValue === 'string') return within('arrayValue: ', itemValue)
      normalized.push(itemValue)
    }
    return { arrayValue: { values: normalized } }
  }
  if ('kvlistValue' in anyValue) {
    const values = normalizeKeyValues(listOf(anyValue.kvlistValue), depth + 1)
    return typeof values === 'string' ? within('kvlistValue: ', values) : { kvlistValue: { values } }
  }
  // An empty AnyValue is legal in OTLP: the attribute is present without a value.
  return {}
}

function normalizeIntValue(intValue: unknown): OtlpAnyValue | string {
  if (typeof intValue === 'number' && Number.isSafeInteger(intValue)) return { intValue: String(intValue) }
  if (typeof intValue !== 'string' || !INT_PATTERN.test(intValue)) return 'intValue must be an integer'
  const canonical = canonicalInt64(intValue)
  return canonical === null ? `intValue ${intValue} is outside the int64 range` : { intValue: canonical }
}

function normalizeDoubleValue(doubleValue: unknown): OtlpAnyValue | string {
  // a JSON number beyond the double range parses as ±Infinity
  if (typeof doubleValue === 'number') return { doubleValue: storedDouble(doubleValue) }
  if (typeof doubleValue === 'string') {
    if (SPECIAL_DOUBLES.has(doubleValue)) return { doubleValue }
    if (DOUBLE_TEXT_PATTERN.test(doubleValue)) return { doubleValue: storedDouble(Number(doubleValue)) }
  }
  return 'doubleValue must be a number, or "NaN", "Infinity" or "-Infinity"'
}

/** The `values` of an ArrayValue or KeyValueList (absent or null: empty), or something that is not an array. */
function listOf(container: unknown): unknown {
  if (container === null || container === undefined) return []
  return (container as { values?: unknown }).values ?? []
}

/**
 * Checks a KeyValue list (attributes) and returns it normalised (each item
 * only `key` and `value`; a missing key is "", a missing value an empty one,
 * as proto3 defaults them), or the reason it is invalid.
 */
export function normalizeKeyValues(list: unknown, depth = 1): OtlpKeyValue[] | string {
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) return 'attributes must be an array'
  const normalized: OtlpKeyValue[] = []
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'attribute must be an object'
    const { key, value } = item as { key?: unknown; value?: unknown }
    const keyText = key ?? ''
    if (typeof keyText !== 'string') return 'attribute key must be a string'
    if (value === undefined || value === null) {
      normalized.push({ key: keyText, value: {} })
      continue
    }
    const normalizedValue = normalizeAnyValue(value, depth)
    if (typeof normalizedValue === 'string')
      return depth === 1 ? `attribute "${keyText}": ${normalizedValue}` : within(`attribute "${keyText}": `, normalizedValue)
    normalized.push({ key: keyText, value: normalizedValue })
  }
  return normalized
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
