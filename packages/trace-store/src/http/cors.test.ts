import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan } from '../../test-support/otlp-builders.js'
import { startTestStore } from '../../test-support/test-store.js'
import { isOriginAllowed } from './cors.js'

describe('isOriginAllowed', () => {
  it('allows any port on localhost and 127.0.0.1 by default, and nothing else', () => {
    expect(isOriginAllowed('http://localhost:3000', 'localhost')).toBe(true)
    expect(isOriginAllowed('http://127.0.0.1:5173', 'localhost')).toBe(true)
    expect(isOriginAllowed('http://[::1]:3000', 'localhost')).toBe(true)
    expect(isOriginAllowed('http://localhost.evil.com', 'localhost')).toBe(false)
    expect(isOriginAllowed('https://app.example.com', 'localhost')).toBe(false)
  })

  it('allows exactly the listed origins when given a list', () => {
    expect(isOriginAllowed('https://app.example.com', ['https://app.example.com'])).toBe(true)
    expect(isOriginAllowed('https://app.example.com:8443', ['https://app.example.com'])).toBe(false)
  })
})

describe('CORS on the store', () => {
  let store: Awaited<ReturnType<typeof startTestStore>>
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(() => store.close())

  it('answers the preflight of a browser JSON export with the allow headers', async () => {
    const response = await fetch(`${store.url}/v1/traces`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type')
  })

  it('repeats the allowed origin on the POST response', async () => {
    const response = await fetch(`${store.url}/v1/traces`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
      body: JSON.stringify(makeRequest('browser', [makeSpan()])),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(response.headers.get('access-control-expose-headers')).toContain('Rollbar-Replay-Enabled')
  })

  it('refuses the preflight of an origin that is not allowed', async () => {
    const response = await fetch(`${store.url}/v1/traces`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})
