import type { IncomingMessage, ServerResponse } from 'node:http'

export type OriginPolicy = 'localhost' | '*' | string[]

// rollbar.js reads its replay headers from every item response; unless they are
// exposed, Chromium logs "Refused to get unsafe header" in the host app's console.
const EXPOSED_HEADERS = ['Retry-After', 'Rollbar-Replay-Enabled', 'Rollbar-Replay-RateLimit-Remaining', 'Rollbar-Replay-RateLimit-Reset'].join(', ')
const LOCAL_ORIGIN_PATTERN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/

export function isOriginAllowed(origin: string, policy: OriginPolicy): boolean {
  if (policy === '*') return true
  if (policy === 'localhost') return LOCAL_ORIGIN_PATTERN.test(origin)
  return policy.includes(origin)
}

/**
 * Sets the CORS headers for an allowed browser origin, on preflights and on
 * the actual responses alike (browsers check both). Returns false when the
 * request has an Origin that is not allowed.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, policy: OriginPolicy, allowedHeaders: string[]): boolean {
  const origin = request.headers.origin
  if (!origin) return true
  if (!isOriginAllowed(origin, policy)) return false
  response.setHeader('Access-Control-Allow-Origin', origin)
  response.setHeader('Vary', 'Origin')
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  response.setHeader('Access-Control-Allow-Headers', allowedHeaders.join(', '))
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  response.setHeader('Access-Control-Max-Age', '600')
  return true
}
