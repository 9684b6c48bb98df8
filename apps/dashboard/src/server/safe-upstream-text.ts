import 'server-only'
import type { Upstream } from './upstream'

// Text an upstream sends (an error body's message, a failed RQL job's reason) is shown to the user only when it cannot
// carry what the dashboard keeps from the browser: an upstream that echoes its request URL, a header or the token in
// an error would otherwise hand them over. When in doubt the text is dropped and the message says the upstream's name,
// the HTTP status and what that status usually means.

const MAX_DETAIL_CHARS = 200

/** Patterns of text that may be (part of) a URL, a query string, an address or a credential. */
const UNSAFE_PATTERNS: readonly RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\//i, // any absolute URL
  /\bwww\./i,
  /[?&][^\s=&]+=/, // a query string
  /(?:^|[\s"'(=:])\/[^\s/]+\/[^\s]*/, // a path such as /api/1/item/…
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/, // an IPv4 address
  /\[[0-9a-f:]*:[0-9a-f:]*\]/i, // an IPv6 literal
  /\b(?:access[_-]?token|token|authorization|bearer|api[_-]?key|password|secret|cookie|x-[a-z0-9-]+)\b/i,
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f]/, // control characters (after whitespace is collapsed)
]

/** Every string of the upstream's configuration that must not be shown: base URL, its host and path, header values. */
function configuredSecrets(upstream: Upstream): string[] {
  const values: string[] = [upstream.baseUrl]
  try {
    const base = new URL(upstream.baseUrl)
    values.push(base.host, base.hostname)
    const basePath = base.pathname.replace(/^\/+|\/+$/g, '')
    if (basePath !== '') values.push(basePath)
  } catch {
    // a base URL that does not parse was refused when the environment was read
  }
  for (const value of Object.values(upstream.headers)) {
    values.push(value)
    const credential = /^(?:bearer|basic)\s+(.+)$/i.exec(value)?.[1]
    if (credential) values.push(credential)
  }
  return values.filter((value) => value.length >= 3).map((value) => value.toLowerCase())
}

/** The upstream's text when it is safe to show (shortened, whitespace collapsed); undefined when it may leak anything. */
export function safeUpstreamDetail(upstream: Upstream, text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const detail = text.replace(/\s+/g, ' ').trim()
  if (detail === '') return undefined
  // the whole text is checked, so a URL cut in half by the shortening cannot slip through
  if (UNSAFE_PATTERNS.some((pattern) => pattern.test(detail))) return undefined
  const lower = detail.toLowerCase()
  if (configuredSecrets(upstream).some((secret) => lower.includes(secret))) return undefined
  return detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS - 1)}…` : detail
}

/** What an HTTP status from an upstream usually means, for a message whose upstream text was dropped. */
export function upstreamStatusAdvice(status: number): string | undefined {
  if (status === 400 || status === 422) return 'it did not accept the request'
  if (status === 404) return 'it does not have what was asked for'
  if (status === 408) return 'it gave up waiting'
  if (status === 413) return 'the request or answer was too large'
  if (status === 429) return 'it is limiting the rate of requests; try again shortly'
  if (status === 502 || status === 503 || status === 504) return 'it is unavailable or overloaded; try again shortly'
  if (status >= 500 && status <= 599) return 'it failed; see its own log'
  return undefined
}

/** `<name> answered HTTP <status>` with the upstream's own text when safe, else with what the status usually means. */
export function upstreamStatusMessage(upstream: Upstream, status: number, text: string | undefined): string {
  const detail = safeUpstreamDetail(upstream, text)
  if (detail) return `${upstream.name} answered HTTP ${status}: ${detail}`
  const advice = upstreamStatusAdvice(status)
  return `${upstream.name} answered HTTP ${status}${advice ? ` (${advice})` : ''}`
}
