import type { IncomingMessage, ServerResponse } from 'node:http'

export type OriginPolicy = 'localhost' | '*' | string[]

// rollbar.js reads its replay headers from every item response; unless they are
// exposed, Chromium logs "Refused to get unsafe header" in the host app's console.
const EXPOSED_HEADERS = ['Retry-After', 'Rollbar-Replay-Enabled', 'Rollbar-Replay-RateLimit-Remaining', 'Rollbar-Replay-RateLimit-Reset'].join(', ')
const LOCAL_ORIGIN_PATTERN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/
// header names (RFC 9110 tokens), comma-separated: what a browser puts in Access-Control-Request-Headers
const REQUEST_HEADERS_PATTERN = /^[!#$%&'*+.^_`|~0-9a-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9a-z-]+)*$/i

export function isOriginAllowed(origin: string, policy: OriginPolicy): boolean {
  if (policy === '*') return true
  if (policy === 'localhost') return LOCAL_ORIGIN_PATTERN.test(origin)
  return policy.includes(origin)
}

/**
 * Sets the CORS headers for an allowed browser origin, on preflights and on the actual responses alike (browsers
 * check both). A preflight is allowed every header it asks for, as the OpenTelemetry Collector allows with
 * `allowed_headers: ["*"]`: exporters add their own (`x-honeycomb-team`, the `headers` option), and an origin that
 * is allowed at all gains nothing from a header the store does not read.
 */
export function setCorsHeaders(request: IncomingMessage, response: ServerResponse, origin: string): void {
  response.setHeader('Access-Control-Allow-Origin', origin)
  // PATCH: Rollbar's item status change (rollbar-routes.ts)
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS')
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  response.setHeader('Access-Control-Max-Age', '600')
  const requestedHeaders = request.headers['access-control-request-headers']
  if (request.method === 'OPTIONS' && requestedHeaders !== undefined && REQUEST_HEADERS_PATTERN.test(requestedHeaders.trim())) {
    response.setHeader('Access-Control-Allow-Headers', requestedHeaders.trim())
    response.setHeader('Vary', 'Origin, Access-Control-Request-Headers')
  } else {
    response.setHeader('Vary', 'Origin')
  }
}
