import { createServer, type IncomingMessage, type Server } from 'node:http'
import { hostPolicyOf, isHostAllowed, type HostPolicy } from './allowed-hosts.js'
import { asStoreError, sendApiError, type ApiFamily } from './api-errors.js'
import { isOriginAllowed, setCorsHeaders, type OriginPolicy } from './cors.js'
import { findRoute } from './route-table.js'
import type { StoreContext } from './store-context.js'
import { StoreError } from './store-error.js'

/** The store's HTTP server: Host and Origin checks, CORS, then the route table (route-table.ts); each API answers errors in its own envelope. */
export function createStoreServer(context: StoreContext): Server {
  const hostPolicy = hostPolicyOf(context.options.allowedHosts, context.options.host)

  return createServer((request, response) => {
    let family: ApiFamily = 'query'
    const answer = async () => {
      const url = new URL(request.url ?? '/', 'http://store.invalid')
      const method = request.method ?? 'GET'
      const found = findRoute(method, url.pathname)
      // refusals are answered in the envelope of the API that was called
      if (found) family = found.route.family
      refuseForeignRequest(request, hostPolicy, context.options.corsOrigins)
      const origin = request.headers.origin
      if (origin !== undefined) setCorsHeaders(request, response, origin)
      if (method === 'OPTIONS') {
        response.writeHead(204)
        response.end()
        return
      }

      if (!found) throw new StoreError('not_found', `no endpoint at ${method} ${url.pathname}`)
      const { route, params, methodAllowed } = found
      if (!methodAllowed) throw new StoreError('method_not_allowed', route.otherMethods!(method, url.pathname))
      route.authorize?.(request, url, context)
      await route.handle({ request, response, url, params, context })
    }
    answer().catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy()
        return
      }
      const storeError = asStoreError(error, context.options.log)
      // the rest of a body that was refused or too large is not read: the connection cannot carry another request
      if (storeError.code === 'payload_too_large' || storeError.httpStatus === 403) response.setHeader('Connection', 'close')
      sendApiError(family, response, storeError)
    })
  })
}

/**
 * Refuses, before anything is read or stored, a request for a host the store is not configured for (DNS rebinding)
 * and a request from a browser origin that is not allowed. Browsers send some cross-origin requests without a
 * preflight (a `text/plain` POST, a form): CORS headers alone would let them write. Requests without an Origin
 * (servers, curl, exporters) are not browsers' and pass.
 */
function refuseForeignRequest(request: IncomingMessage, hostPolicy: HostPolicy, corsOrigins: OriginPolicy): void {
  if (!isHostAllowed(request.headers.host, hostPolicy)) {
    throw new StoreError('host_not_allowed', `host '${request.headers.host}' is not allowed; allow it with --allowed-host (option allowedHosts)`)
  }
  const origin = request.headers.origin
  if (origin !== undefined && !isOriginAllowed(origin, corsOrigins)) {
    throw new StoreError('origin_not_allowed', `origin ${origin} is not allowed; allow it with --cors-origin (option corsOrigins)`)
  }
}
