import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { asStoreError, sendApiError, type ApiFamily } from './api-errors.js'
import { applyCors } from './cors.js'
import { sendJson } from './respond.js'
import { findRoute } from './route-table.js'
import type { StoreContext } from './store-context.js'
import { StoreError } from './store-error.js'

const BASE_ALLOWED_HEADERS = ['content-type', 'content-encoding', 'authorization', 'x-rollbar-access-token']

/** The store's HTTP server: CORS, then the route table (route-table.ts); each API answers errors in its own envelope. */
export function createStoreServer(context: StoreContext): Server {
  const allowedHeaders = [...BASE_ALLOWED_HEADERS]
  if (context.options.ingestToken) allowedHeaders.push(context.options.ingestToken.header.toLowerCase())

  return createServer((request, response) => {
    let family: ApiFamily = 'query'
    const answer = async () => {
      const url = new URL(request.url ?? '/', 'http://store.invalid')
      const originAllowed = applyCors(request, response, context.options.corsOrigins, allowedHeaders)
      const method = request.method ?? 'GET'
      if (method === 'OPTIONS') return answerPreflight(request, response, originAllowed)

      const found = findRoute(method, url.pathname)
      if (!found) throw new StoreError('not_found', `no endpoint at ${method} ${url.pathname}`)
      const { route, params, methodAllowed } = found
      family = route.family
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
      // the rest of a body that was too large is not read: the connection cannot carry another request
      if (storeError.code === 'payload_too_large') response.setHeader('Connection', 'close')
      sendApiError(family, response, storeError)
    })
  })
}

function answerPreflight(request: IncomingMessage, response: ServerResponse, originAllowed: boolean): void {
  if (!originAllowed) {
    sendJson(response, 403, { error: { code: 'origin_not_allowed', message: `origin ${request.headers.origin} is not allowed by the store's CORS settings` } })
  } else {
    response.writeHead(204)
    response.end()
  }
}
