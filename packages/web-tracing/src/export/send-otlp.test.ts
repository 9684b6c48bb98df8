/// <reference types="node" />
// This test runs in Node (Vitest); the package itself is built without Node types.
import { describe, expect, it } from 'vitest'
import { parseRetryAfter, sendOtlp } from './send-otlp.js'

const respond =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    Promise.resolve(new Response('{}', { status, headers }))

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates, and caps them at five minutes', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(parseRetryAfter('86400', 0)).toBe(300_000)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter(null, 0)).toBeUndefined()
  })
})

describe('sendOtlp', () => {
  const options = { headers: {}, keepalive: false, timeoutMs: 1000 }

  it('asks for a retry after Retry-After on 429 and 503, and with backoff on 502/504 and network errors', async () => {
    expect(await sendOtlp(respond(429, { 'retry-after': '2' }), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: 2000, networkError: false })
    expect(await sendOtlp(respond(503, { 'retry-after': '1' }), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: 1000, networkError: false })
    expect(await sendOtlp(respond(502), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: undefined, networkError: false })
    expect(await sendOtlp(() => Promise.reject(new TypeError('Failed to fetch')), 'u', '{}', options)).toEqual({
      kind: 'retry',
      afterMs: undefined,
      networkError: true,
    })
  })

  it('gives up on other failures and reports success on 2xx', async () => {
    expect(await sendOtlp(respond(400), 'u', '{}', options)).toEqual({ kind: 'failed', status: 400 })
    expect(await sendOtlp(respond(200), 'u', '{}', options)).toEqual({ kind: 'ok', rejectedSpans: 0 })
  })
  it('settles only after the response body has been read, and cancels the bodies of failed requests', async () => {
    let closeBody = () => undefined as void
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        closeBody = () => controller.close()
      },
    })
    let settled = false
    const sending = sendOtlp(() => Promise.resolve(new Response(body, { status: 200 })), 'u', '{}', options).then((result) => {
      settled = true
      return result
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    closeBody()
    expect(await sending).toEqual({ kind: 'ok', rejectedSpans: 0 })

    let cancelled = false
    const failing = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true
      },
    })
    expect(await sendOtlp(() => Promise.resolve(new Response(failing, { status: 503 })), 'u', '{}', options)).toMatchObject({ kind: 'retry' })
    expect(cancelled).toBe(true)
  })

  it('reads partialSuccess.rejectedSpans, as a string or a number', async () => {
    const respondWith = (text: string) => () => Promise.resolve(new Response(text, { status: 200 }))
    expect(await sendOtlp(respondWith('{"partialSuccess":{"rejectedSpans":"3"}}'), 'u', '{}', options)).toEqual({ kind: 'ok', rejectedSpans: 3 })
    expect(await sendOtlp(respondWith('{"partialSuccess":{"rejectedSpans":2}}'), 'u', '{}', options)).toEqual({ kind: 'ok', rejectedSpans: 2 })
    expect(await sendOtlp(respondWith('not json rejectedSpans'), 'u', '{}', options)).toEqual({ kind: 'ok', rejectedSpans: 0 })
  })

  it('marks a gzip body with Content-Encoding', async () => {
    let headers: Record<string, string> = {}
    const fetchFn = (_url: string, init: RequestInit) => {
      headers = init.headers as Record<string, string>
      return Promise.resolve(new Response('{}'))
    }
    await sendOtlp(fetchFn, 'u', new Uint8Array([31, 139]), { ...options, gzip: true })
    expect(headers['content-encoding']).toBe('gzip')
  })
})
