// How the benchmark talks to a store (or the HTTP sink) it runs as a child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'

export interface Body {
  bytes: Uint8Array
  contentType: string
}

export interface PostResult {
  status: number
  /** seconds, from a 503's Retry-After */
  retryAfterSec: number | null
}

// node:http with keep-alive, as the OpenTelemetry Node exporters send: fetch (undici) costs several
// times more CPU per request, and the client shares this machine's cores with the store.
const MAX_SOCKETS = 8
export const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS })

/** Posts one body to /v1/traces and answers with the status; any status other than 200 and 503 is an error. */
export async function postTraces(url: string, body: Body): Promise<PostResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await postOnce(url, body)
    } catch (error) {
      // A kept-alive socket that the server closed while this process was busy (a synchronous phase of
      // the benchmark, longer than the server's keep-alive timeout) fails at once with ECONNRESET or
      // EPIPE: the request never reached the server, so send it again (what Node's documentation advises
      // for reused sockets). Every idle socket of the pool may be such a one.
      const { code, reusedSocket } = error as NodeJS.ErrnoException & { reusedSocket?: boolean }
      if (!reusedSocket || (code !== 'ECONNRESET' && code !== 'EPIPE') || attempt > MAX_SOCKETS) throw error
    }
  }
}

function postOnce(url: string, body: Body): Promise<PostResult> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': body.contentType, 'content-length': body.bytes.length }
    const request = http.request({ hostname, port, path: '/v1/traces', method: 'POST', agent, headers }, (response) => {
      response.resume()
      response.on('end', () => {
        const status = response.statusCode ?? 0
        if (status !== 200 && status !== 503) reject(new Error(`ingest answered ${status}`))
        const retryAfter = response.headers['retry-after']
        resolve({ status, retryAfterSec: retryAfter === undefined ? null : Number(retryAfter) })
      })
    })
    request.on('error', (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })))
    request.end(body.bytes)
  })
}

/** Posts and requires a 200. */
export async function post(url: string, body: Body): Promise<void> {
  const { status } = await postTraces(url, body)
  if (status !== 200) throw new Error(`ingest answered ${status}`)
}

/** Starts a node script that prints `listening on <url>`: the store's CLI, or the HTTP sink. */
export async function startServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  for (;;) {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer]
    output += chunk.toString()
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)
    if (match) {
      child.stdout!.resume()
      return { url: match[1]!, child }
    }
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  await once(child, 'exit')
}
