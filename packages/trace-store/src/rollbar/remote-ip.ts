import { isIP } from 'node:net'

/** What rollbar.js sends as `data.request.user_ip` to mean "the address this request came from" (`captureIp: true`). */
export const REMOTE_IP_PLACEHOLDER = '$remote_ip'
/** The same, anonymized (`captureIp: 'anonymize'`). */
export const ANONYMIZED_REMOTE_IP_PLACEHOLDER = '$remote_ip_anonymize'

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The address as people write it: an IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1]! : address
}

/** Drops what identifies the host: the last octet of an IPv4 address, all but the first 48 bits of an IPv6 one. */
export function anonymizeIp(address: string): string {
  if (isIP(address) === 4) return address.replace(/\.\d+$/, '.0')
  if (isIP(address) === 6) {
    const [head = '', tail = ''] = address.split('::')
    const headGroups = head.split(':').filter(Boolean)
    // an IPv4 address written at the end stands for two groups
    const tailGroups = tail
      .split(':')
      .filter(Boolean)
      .flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]))
    const zeroGroups = address.includes('::') ? Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0') : []
    return `${[...headGroups, ...zeroGroups, ...tailGroups].slice(0, 3).join(':')}::`
  }
  return address
}

/**
 * Rollbar replaces the placeholders in `data.request.user_ip` with the address the item was posted from; so does
 * the store, with the socket's remote address (the store has no notion of a trusted proxy, so X-Forwarded-For is
 * not read). Returns `data` itself when there is nothing to replace; without an address the placeholder is dropped.
 */
export function replaceRemoteIp(data: JsonObject, remoteAddress: string | undefined): JsonObject {
  const request = data.request
  if (!isObject(request)) return data
  const userIp = request.user_ip
  if (userIp !== REMOTE_IP_PLACEHOLDER && userIp !== ANONYMIZED_REMOTE_IP_PLACEHOLDER) return data
  const address = remoteAddress === undefined ? undefined : plainAddress(remoteAddress)
  const replaced = address === undefined ? undefined : userIp === ANONYMIZED_REMOTE_IP_PLACEHOLDER ? anonymizeIp(address) : address
  const { user_ip: _placeholder, ...rest } = request
  return { ...data, request: replaced === undefined ? rest : { ...rest, user_ip: replaced } }
}
