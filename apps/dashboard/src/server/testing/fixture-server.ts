import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// A local HTTP server that answers with recorded responses, so adapters are tested over their real fetch path.

const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__')

export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name))
}

/** A fixture's text as recorded: served as `text`, it keeps what parsing would lose (int64 numbers above 2^53, -0). */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8')
}

export interface FixtureReply {
  status?: number
  body?: unknown
  /** the body as text, sent as it is (instead of `body` as JSON) */
  text?: string
  /** ms to wait before answering (to test timeouts) */
  delayMs?: number
}

export interface FixtureServer {
  url: string
  /** every request, with its method and body (for POSTs such as an RQL job) */
  requests: { url: URL; headers: IncomingHttpHeaders; method: string; body: string }[]
  close(): Promise<void>
}

export async function startFixtureServer(
  port: number,
  route: (url: URL, request: { method: string; body: string }) => FixtureReply | undefined,
): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')))
  })
  const answer = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    const method = request.method ?? 'GET'
    requests.push({ url, headers: request.headers, method, body })
    const reply = route(url, { method, body }) ?? { status: 404, body: { error: { httpCode: 404, message: 'no fixture for this path' } } }
    const send = () => {
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
      response.end(reply.text ?? JSON.stringify(reply.body))
    }
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, reply.delayMs)
      timers.add(timer)
    } else send()
  }
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
