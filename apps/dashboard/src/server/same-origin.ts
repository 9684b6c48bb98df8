import 'server-only'
import { errorResponse } from './respond'

// State-changing routes answer only the dashboard's own pages. The dashboard has no sign-in of its own (whoever can
// open it can read it), so what a write must be protected from is another site's page making the browser send it
// (CSRF): a form post, or a fetch from a page on another origin.

/** Why a write was refused, or null when it comes from the dashboard's own origin. */
export function crossSiteWriteProblem(request: Request): string | null {
  // every current browser sends Sec-Fetch-Site, and no page script can set it; it holds behind a proxy that rewrites Host
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite !== null) return fetchSite === 'same-origin' ? null : `a ${fetchSite} request may not change anything`
  // older browsers and other clients: the Origin must name this host
  const origin = request.headers.get('origin')
  if (origin === null) return 'a request without an Origin header may not change anything'
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return 'a request from an opaque origin may not change anything'
  }
  const host = request.headers.get('host')
  if (host === null || originHost !== host) return 'a request from another origin may not change anything'
  return null
}

/** 403 for a write that does not come from the dashboard's own pages; null to go ahead. */
export function refuseCrossSiteWrite(request: Request): Response | null {
  const problem = crossSiteWriteProblem(request)
  return problem === null ? null : errorResponse('forbidden', problem, 403)
}
