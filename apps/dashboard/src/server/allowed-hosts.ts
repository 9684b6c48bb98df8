import 'server-only'
// The Host check that keeps DNS rebinding out: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches
// the dashboard with `Host: evil.example`, and would otherwise read every proxy route (and through them Rollbar's API
// with the server-held token). Pure functions: the env parser builds the list, the proxy (src/proxy.ts) applies it.

/** Names a browser uses for this machine's loopback interface: always allowed unless the check is off. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const

/** `any`: the check is off (`SPANLIGHT_DASHBOARD_ALLOWED_HOSTS=*`); otherwise the allowed host names, lowercase, without port. */
export type AllowedHosts = { any: true } | { any: false; names: readonly string[] }

const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '[::]'])

/** A host name (or bracketed IPv6 literal) from a Host header or a configured entry, lowercase, without port; null when malformed. */
export function hostNameOf(value: string): string | null {
  const host = value.trim().toLowerCase()
  if (host === '') return null
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    if (end < 0) return null
    const rest = host.slice(end + 1)
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null
    const literal = host.slice(0, end + 1)
    return IPV6_LITERAL.test(literal) ? literal : null
  }
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(host)
  if (!match || !HOST_NAME.test(match[1]!)) return null
  return match[1]!.replace(/\.$/, '')
}

/**
 * The allowed hosts from the variable's value (comma-separated names; `*` turns the check off) and the host the server
 * was told to listen on (a wildcard address such as 0.0.0.0 adds nothing); throws naming the bad entry's position,
 * never its text.
 */
export function parseAllowedHosts(value: string | undefined, listenHost: string | undefined): AllowedHosts {
  const names = new Set<string>(LOOPBACK_HOSTS)
  const listen = listenHost ? hostNameOf(listenHost) : null
  if (listen && !WILDCARD_ADDRESSES.has(listen)) names.add(listen)
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error("'*' turns the check off and cannot be combined with host names")
    return { any: true }
  }
  entries.forEach((entry, index) => {
    const name = hostNameOf(entry)
    if (!name || entry.includes('/'))
      throw new Error(`entry ${index + 1} is not a host name (names or [IPv6] literals, comma-separated, optional :port ignored)`)
    names.add(name)
  })
  return { any: false, names: [...names] }
}

/** Whether a request's Host header names an allowed host (the port is not compared); a missing or malformed Host is refused. */
export function isHostAllowed(hostHeader: string | null | undefined, allowed: AllowedHosts): boolean {
  if (allowed.any) return true
  const name = hostHeader ? hostNameOf(hostHeader) : null
  return name !== null && allowed.names.includes(name)
}
