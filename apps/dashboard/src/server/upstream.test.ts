import { createServer, type Server, type ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

// The upstream client over a real local server: status mapping, timeouts, redirects, compression and keep-alive.
vi.mock('server-only', () => ({}))
const { fetchUpstreamJson, requestUpstream, upstreamUrl } = await import('./upstream')
const PORT = 4857
const stalled = new Set<ServerResponse>()
const requestsBySocket = new Map<unknown, number>()
let server: Server

beforeAll(async () => {
  server = createServer((request, response) => {
    const seenOnSocket = (requestsBySocket.get(request.socket) ?? 0) + 1
    requestsBySocket.set(request.socket, seenOnSocket)
    const path = new URL(request.url ?? '/', `http://127.0.0.1:${PORT}`).pathname
    if (path === '/ok') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":1}')
    if (path === '/gzip') return void response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync('{"value":2}'))
    if (path === '/moved') return void response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end()
    if (path === '/half') {
      // headers and half a body, then nothing
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"value":')
      stalled.add(response)
      return
    }
    // a kept-alive connection closed by the server when it is reused
    if (path === '/closes-reused' && seenOnSocket > 1) return void request.socket.destroy()
    if (path === '/closes-reused') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":3}')
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve))
})
afterAll(async () => {
  for (const response of stalled) response.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const upstream = { name: 'the test upstream', baseUrl: `http://127.0.0.1:${PORT}`, headers: {}, timeoutMs: 300, unreachableHint: 'is it running?' }
const valueSchema = z.object({ value: z.number() })

describe('upstream client', () => {
  it('reads and validates JSON, and decodes a body the upstream compressed anyway', async () => {
    expect(await fetchUpstreamJson(upstream, upstreamUrl(upstream, 'ok'), valueSchema)).toEqual({ value: 1 })
    expect(await fetchUpstreamJson(upstream, upstreamUrl(upstream, 'gzip'), valueSchema)).toEqual({ value: 2 })
  })

  it('does not follow a redirect: it is an upstream error naming the upstream', async () => {
    await expect(fetchUpstreamJson(upstream, upstreamUrl(upstream, 'moved'), valueSchema)).rejects.toMatchObject({
      code: 'upstream_error',
      message: 'the test upstream answered HTTP 302',
    })
  })

  it('times out a body that stops half way, saying the upstream did not finish answering', async () => {
    await expect(requestUpstream(upstream, upstreamUrl(upstream, 'half'))).rejects.toMatchObject({
      code: 'upstream_timeout',
      message: 'the test upstream did not finish answering within 0.3 s',
    })
  })

  it('sends the request again once when the upstream closed a kept-alive connection', async () => {
    const url = upstreamUrl(upstream, 'closes-reused')
    expect((await requestUpstream(upstream, url)).text).toBe('{"value":3}')
    // the second request goes out on the kept-alive socket, which the server closes; the retry gets a new one
    expect((await requestUpstream(upstream, url)).text).toBe('{"value":3}')
  })

  it('answers unreachable, with the hint, when nothing listens', async () => {
    const down = { ...upstream, baseUrl: 'http://127.0.0.1:4859' }
    await expect(requestUpstream(down, upstreamUrl(down, 'ok'))).rejects.toMatchObject({
      code: 'upstream_unreachable',
      message: 'could not reach the test upstream: is it running?',
    })
  })
})
