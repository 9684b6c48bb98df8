import { describe, expect, it } from 'vitest'
import { parseRetryAfter, sendOtlp } from './send-otlp.js'

const respond = (status: number, headers: Record<string, string> = {}) => () => Promise.resolve(new Response('{}', { status, headers }))

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
    expect(await sendOtlp(respond(429, { 'retry-after': '2' }), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: 2000 })
    expect(await sendOtlp(respond(503, { 'retry-after': '1' }), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: 1000 })
    expect(await sendOtlp(respond(502), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: undefined })
    expect(await sendOtlp(() => Promise.reject(new TypeError('Failed to fetch')), 'u', '{}', options)).toEqual({ kind: 'retry', afterMs: undefined })
  })

  it('gives up on other failures and reports success on 2xx', async () => {
    expect(await sendOtlp(respond(400), 'u', '{}', options)).toEqual({ kind: 'failed', status: 400 })
    expect(await sendOtlp(respond(200), 'u', '{}', options)).toEqual({ kind: 'ok' })
  })
})
