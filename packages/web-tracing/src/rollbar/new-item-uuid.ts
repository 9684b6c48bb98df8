/**
 * A random (version 4) uuid for a Rollbar occurrence, made before Rollbar
 * has loaded so the span can carry it at once; the bridge then sends the
 * item with this uuid (`data.uuid`, which the Rollbar API accepts from clients).
 */
export function newItemUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
