import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// A local HTTP server that answers with recorded responses, so adapters are tested over their real fetch path.

const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__')

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8'))
}

export interface FixtureReply {
  status?: number
  body: unknown
  /** ms to wait before answering (to test timeouts) */
  delayMs?: number
}

export interface FixtureServer {
  url: string
  requests: { url: URL; headers: IncomingHttpHeaders }[]
  close(): Promise<void>
}

export async function startFixtureServer(port: number, route: (url: URL) => FixtureReply | undefined): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    requests.push({ url, headers: request.headers })
    const reply = route(url) ?? { status: 404, body: { error: { httpCode: 404, message: 'no fixture for this path' } } }
    const send = () => {
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(reply.body))
    }
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, reply.delayMs)
      timers.add(timer)
    } else send()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
