import { isIP } from 'node:net'

/** Hosts the store answers for besides its defaults (loopback names and the listen address), or '*' for any. */
export type AllowedHosts = '*' | string[]

export interface HostPolicy {
  anyHost: boolean
  /** lower-case host names and IP literals (IPv6 in brackets), without a port */
  names: ReadonlySet<string>
  /** true when the store listens on every address: a Host that is an IP address cannot come from DNS rebinding */
  anyIpAddress: boolean
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']
const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::', '[::]'])
// a host name or bracketed IPv6 literal, then an optional port: nothing a browser would send besides
const HOST_HEADER_PATTERN = /^(\[[0-9a-f:.]+\]|[^:[\]@/\s]+)(?::\d{1,5})?$/i

/**
 * The Host headers the store accepts. A page on an attacker's domain that rebinds its name to 127.0.0.1 reaches
 * the store as a same-origin request, with no Origin to refuse; its Host header still names the attacker's domain.
 */
export function hostPolicyOf(allowedHosts: AllowedHosts, listenHost: string): HostPolicy {
  if (allowedHosts === '*') return { anyHost: true, names: new Set(), anyIpAddress: true }
  const names = new Set([...LOOPBACK_HOSTS, ...allowedHosts].map(normalizeHostName))
  const anyIpAddress = WILDCARD_ADDRESSES.has(listenHost)
  if (!anyIpAddress) names.add(normalizeHostName(listenHost))
  return { anyHost: false, names, anyIpAddress }
}

/** Whether a request's Host header names a host the store is configured for (any port). */
export function isHostAllowed(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (policy.anyHost) return true
  // only HTTP/1.0 may leave Host out (Node refuses HTTP/1.1 without one), and no browser does
  if (hostHeader === undefined) return true
  const match = HOST_HEADER_PATTERN.exec(hostHeader)
  if (!match) return false
  const hostName = match[1]!.toLowerCase()
  if (policy.names.has(hostName)) return true
  return policy.anyIpAddress && isIP(hostName.replace(/^\[(.*)\]$/, '$1')) !== 0
}

/** A configured host as the Host header carries it: lower case, an IPv6 address in brackets. */
function normalizeHostName(host: string): string {
  const lower = host.toLowerCase()
  return isIP(lower) === 6 ? `[${lower}]` : lower
}
