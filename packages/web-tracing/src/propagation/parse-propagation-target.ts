import type { PropagationTarget } from '../config/web-tracing-options.js'

/** A propagation target after normalisation. */
export type ParsedPropagationTarget =
  /** origin without default port; pathPrefix '' (whole origin) or '/api' (no trailing slash) */
  { kind: 'prefix'; origin: string; pathPrefix: string } | { kind: 'regexp'; regexp: RegExp } | { kind: 'function'; test: (url: string) => boolean }

export type ParseTargetResult = { target: ParsedPropagationTarget; ignoredQuery: boolean } | null

/**
 * Normalises one `propagateTo` entry. A string is read as a URL (relative
 * ones against `baseUrl`); only its origin and path count, and the path is
 * a prefix on segment boundaries: `https://x.dev/api` and `https://x.dev/api/`
 * both cover `https://x.dev/api/orders` but not `https://x.dev/apis`.
 * Returns null for anything that cannot be a target.
 */
export function parsePropagationTarget(target: PropagationTarget, baseUrl?: string): ParseTargetResult {
  if (target instanceof RegExp) return { target: { kind: 'regexp', regexp: target }, ignoredQuery: false }
  if (typeof target === 'function') return { target: { kind: 'function', test: target }, ignoredQuery: false }
  if (typeof target !== 'string' || target.trim() === '') return null
  let url: URL
  try {
    url = new URL(target.trim(), baseUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const pathPrefix = url.pathname.replace(/\/+$/, '')
  return {
    target: { kind: 'prefix', origin: url.origin, pathPrefix },
    ignoredQuery: url.search !== '' || url.hash !== '',
  }
}
