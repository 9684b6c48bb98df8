const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/
const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/
const ALL_ZERO_PATTERN = /^0+$/

/** Lower-cases and checks a 32-hex-digit trace id; null when invalid (all zeros is invalid per W3C). */
export function normalizeTraceId(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const id = value.toLowerCase()
  return TRACE_ID_PATTERN.test(id) && !ALL_ZERO_PATTERN.test(id) ? id : null
}

export function normalizeSpanId(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const id = value.toLowerCase()
  return SPAN_ID_PATTERN.test(id) && !ALL_ZERO_PATTERN.test(id) ? id : null
}

export function isSpanId(value: string): boolean {
  return SPAN_ID_PATTERN.test(value) && !ALL_ZERO_PATTERN.test(value)
}

export function isTraceId(value: string): boolean {
  return TRACE_ID_PATTERN.test(value) && !ALL_ZERO_PATTERN.test(value)
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += HEX_DIGITS[byte]
  return hex
}
