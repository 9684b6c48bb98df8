import type { IncomingMessage, RequestOptions } from 'node:http'

/** Paths the API serves that are not traced (readiness polls would otherwise flood the store). */
export const UNTRACED_PATHS = ['/api/health']

export function isUntracedPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0]
  return UNTRACED_PATHS.includes(path ?? '')
}

/**
 * A browser's CORS preflight: it never carries trace headers (browsers send
 * none on preflights), so tracing it would only add one-span root traces.
 */
export function isCorsPreflight(request: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
}

/**
 * True for an outgoing request to one of the given base URLs (the OTLP
 * receiver, the Rollbar endpoint): no telemetry about telemetry.
 */
export function isRequestToAny(options: RequestOptions, baseUrls: string[]): boolean {
  const host = options.hostname ?? options.host ?? 'localhost'
  const port = String(options.port ?? (options.protocol === 'https:' ? 443 : 80))
  const path = options.path ?? '/'
  return baseUrls.some((baseUrl) => {
    const base = new URL(baseUrl)
    const basePort = base.port || (base.protocol === 'https:' ? '443' : '80')
    return base.hostname === host && basePort === port && path.startsWith(base.pathname)
  })
}
