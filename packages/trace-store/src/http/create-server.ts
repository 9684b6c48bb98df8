import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { StoreError } from '../errors.js'
import { applyCors } from './cors.js'
import { handleOtlpTraces } from './otlp-route.js'
import { handleQuery } from './query-routes.js'
import { asStoreError, sendJson, sendStoreError } from './respond.js'
import { handleRollbar } from './rollbar-routes.js'
import type { StoreContext } from './store-context.js'

const BASE_ALLOWED_HEADERS = ['content-type', 'content-encoding', 'authorization', 'x-rollbar-access-token']

/** The store's HTTP server: CORS, then one thin route per API. */
export function createStoreServer(context: StoreContext): Server {
  const allowedHeaders = [...BASE_ALLOWED_HEADERS]
  if (context.options.ingestToken) allowedHeaders.push(context.options.ingestToken.header.toLowerCase())

  return createServer((request, response) => {
    route(request, response, context, allowedHeaders).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy()
        return
      }
      sendStoreError(response, asStoreError(error))
    })
  })
}

async function route(request: IncomingMessage, response: ServerResponse, context: StoreContext, allowedHeaders: string[]): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://store.invalid')
  const originAllowed = applyCors(request, response, context.options.corsOrigins, allowedHeaders)
  if (request.method === 'OPTIONS') {
    if (!originAllowed) {
      sendJson(response, 403, { error: { code: 'origin_not_allowed', message: `origin ${request.headers.origin} is not allowed by the store's CORS settings` } })
    } else {
      response.writeHead(204)
      response.end()
    }
    return
  }

  if (url.pathname === '/v1/traces') {
    if (request.method !== 'POST') throw new StoreError('method_not_allowed', 'use POST to export traces')
    await handleOtlpTraces(request, response, context)
    return
  }
  if (url.pathname === '/health') {
    sendJson(response, 200, { status: 'ok' })
    return
  }
  if (await handleRollbar(request, response, url, context)) return
  try {
    if (handleQuery(request, response, url, context)) return
  } catch (error) {
    if (error instanceof StoreError) return sendStoreError(response, error)
    throw error
  }
  throw new StoreError('not_found', `no endpoint at ${request.method} ${url.pathname}`)
}
