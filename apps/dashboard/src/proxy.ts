import { NextResponse, type NextRequest } from 'next/server'
import { parseItemId } from './features/errors/model/item-filters'
import { parseTraceId } from './features/traces/model/trace-query'
import { isHostAllowed, LOOPBACK_HOSTS, type AllowedHosts } from './server/allowed-hosts'
import { getEnv } from './server/env'
import { createNonce, NON_PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, SECURITY_HEADERS } from './server/security-headers'

// Runs before every request (Next.js 16 "proxy", formerly middleware; always on the Node.js runtime):
// 1. a Host that is not allowed gets 403 before any page or route runs (DNS rebinding);
// 2. every response gets the security headers, pages a CSP with a fresh nonce that Next.js puts on its scripts;
// 3. a trace or item page whose id is malformed answers 400 (the page still renders its explanation).

const FALLBACK_ALLOWED_HOSTS: AllowedHosts = { any: false, names: LOOPBACK_HOSTS }

function allowedHosts(): AllowedHosts {
  try {
    return getEnv().allowedHosts
  } catch {
    // a bad configuration stops the server at boot; should a request come first, only loopback names are served
    return FALLBACK_ALLOWED_HOSTS
  }
}

/** Not an HTML page: the proxy API, Next.js's own files, files such as /icon.svg. */
function isNonPage(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/_next/') || /\.[a-z0-9]+$/i.test(pathname)
}

function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return null
  }
}

/** Pages under /traces/ that are not a trace id */
const TRACE_SECTION_PAGES = new Set(['open', 'compare'])

/** Whether the path is a trace or item page whose id is malformed (the page renders why; the status says 400). */
export function isMalformedIdPage(pathname: string): boolean {
  const segments = decodedSegments(pathname)
  if (segments === null) return /^\/(traces|errors)\//.test(pathname)
  if (segments.length !== 2) return false
  const [section, id] = segments as [string, string]
  if (section === 'traces') return !TRACE_SECTION_PAGES.has(id) && !parseTraceId(id).ok
  if (section === 'errors') return !parseItemId(id).ok
  return false
}

/** Whether the path is /traces/compare with a trace id (`a`, `b`) missing or malformed; neither given shows its form. */
export function isMalformedComparePage(url: { pathname: string; searchParams: URLSearchParams }): boolean {
  if (url.pathname !== '/traces/compare') return false
  const ids = ['a', 'b'].map((name) => url.searchParams.get(name)?.trim() ?? '')
  return ids.some((id) => id !== '') && ids.some((id) => !parseTraceId(id).ok)
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value)
  response.headers.set('content-security-policy', csp)
  return response
}

export function proxy(request: NextRequest): NextResponse {
  if (!isHostAllowed(request.headers.get('host'), allowedHosts())) {
    const refused = new NextResponse('This host name is not allowed: open the dashboard by an allowed name (see SPANLIGHT_DASHBOARD_ALLOWED_HOSTS).\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    })
    return withSecurityHeaders(refused, NON_PAGE_CONTENT_SECURITY_POLICY)
  }
  const { pathname } = request.nextUrl
  if (isNonPage(pathname)) return withSecurityHeaders(NextResponse.next(), NON_PAGE_CONTENT_SECURITY_POLICY)

  const nonce = createNonce()
  const csp = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' })
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('content-security-policy', csp)
  const response = NextResponse.next({
    status: isMalformedIdPage(pathname) || isMalformedComparePage(request.nextUrl) ? 400 : 200,
    request: { headers: requestHeaders },
  })
  return withSecurityHeaders(response, csp)
}
