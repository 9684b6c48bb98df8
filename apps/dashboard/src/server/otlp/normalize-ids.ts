import 'server-only'

const HEX = /^[0-9a-f]+$/i
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/

/**
 * Returns an id as lowercase hex, whether the source sent hex (OTLP JSON, Jaeger) or base64 (proto3 JSON, Tempo).
 * Lengths never collide: 16 bytes are 32 hex digits or 24 base64 characters; 8 bytes are 16 or 12.
 * Returns null for anything else.
 */
export function normalizeId(raw: string, byteLength: 8 | 16): string | null {
  const text = raw.trim()
  if (text.length === byteLength * 2 && HEX.test(text)) return text.toLowerCase()
  if (BASE64.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (
      bytes.length === byteLength &&
      Buffer.from(bytes).toString('base64').replace(/=+$/, '') === text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
    ) {
      return bytes.toString('hex')
    }
  }
  return null
}

/** Jaeger legacy ids may drop leading zeros; pad them back. */
export function padHexId(raw: string, byteLength: 8 | 16): string | null {
  const text = raw.trim().toLowerCase()
  if (!HEX.test(text) || text.length > byteLength * 2) return null
  return text.padStart(byteLength * 2, '0')
}
