import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
}

export interface RecordingServer {
  origin: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export interface RecordingServerOptions {
  /** CORS: origins allowed to call it ('*' none); the request headers a preflight accepts */
  cors?: { allowHeaders: string[] }
  handle?: (request: IncomingMessage, response: ServerResponse, url: URL) => boolean | Promise<boolean>
}

/**
 * A server on 127.0.0.1 (free port) that records every non-preflight
 * request. With `cors`, it answers preflights from any local origin and
 * allows exactly `allowHeaders`, the way a real API would.
 */
export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const origin = request.headers.origin
    if (options.cors && origin) {
      response.setHeader('Access-Control-Allow-Origin', origin)
      response.setHeader('Vary', 'Origin')
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      response.setHeader('Access-Control-Allow-Headers', options.cors.allowHeaders.join(', '))
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end()
      return
    }
    requests.push({ method: request.method ?? 'GET', path: url.pathname + url.search, headers: request.headers })
    void Promise.resolve(options.handle?.(request, response, url) ?? false).then((handled) => {
      if (handled) return
      const delayMs = Number(url.searchParams.get('delayMs') ?? 0)
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path: url.pathname }))
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
