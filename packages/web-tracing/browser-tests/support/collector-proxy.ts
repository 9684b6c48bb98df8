import type { TraceStore } from '@spanlight/trace-store'
import { startRecordingServer, type RecordingServer } from './recording-server.js'

export interface CollectorProxy extends RecordingServer {
  /** how the next requests are answered: forwarded to the store (after `delayMs`), a status, or never */
  mode: { kind: 'forward'; delayMs: number } | { kind: 'status'; status: number; retryAfter?: string } | { kind: 'hang' }
  /** requests that reached the proxy, with what it did */
  answered: { status: number | 'hung'; bytes: number }[]
}

/**
 * A collector in front of the real store whose behaviour the test sets:
 * slow, failing with a status, or hanging. Forwarded bodies keep their
 * Content-Encoding, so gzip bodies reach the store as sent.
 */
export async function startCollectorProxy(store: TraceStore): Promise<CollectorProxy> {
  const proxy: CollectorProxy = {
    mode: { kind: 'forward', delayMs: 0 },
    answered: [],
    ...(await startRecordingServer({
      cors: { allowHeaders: ['content-type', 'content-encoding'] },
      async handle(request, response) {
        const mode = proxy.mode
        const chunks: Buffer[] = []
        for await (const chunk of request) chunks.push(chunk as Buffer)
        const body = Buffer.concat(chunks)
        if (mode.kind === 'hang') {
          proxy.answered.push({ status: 'hung', bytes: body.length })
          return true
        }
        if (mode.kind === 'status') {
          proxy.answered.push({ status: mode.status, bytes: body.length })
          const headers: Record<string, string> = { 'content-type': 'application/json', 'access-control-expose-headers': 'Retry-After' }
          if (mode.retryAfter) headers['retry-after'] = mode.retryAfter
          response.writeHead(mode.status, headers).end('{}')
          return true
        }
        if (mode.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, mode.delayMs))
        const headers: Record<string, string> = { 'content-type': request.headers['content-type'] ?? 'application/json' }
        if (request.headers['content-encoding']) headers['content-encoding'] = request.headers['content-encoding']
        const stored = await fetch(`${store.url}/v1/traces`, { method: 'POST', headers, body })
        proxy.answered.push({ status: stored.status, bytes: body.length })
        response.writeHead(stored.status, { 'content-type': 'application/json' }).end(await stored.text())
        return true
      },
    })),
  }
  return proxy
}
