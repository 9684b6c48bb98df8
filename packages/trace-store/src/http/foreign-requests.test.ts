import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, startTestStore } from '../../test-support/test-store.js'
import { hostPolicyOf, isHostAllowed } from './allowed-hosts.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

const EVIL_ORIGIN = 'https://evil.example'
const ROLLBAR_ITEM = JSON.stringify({ access_token: 'local', data: { environment: 'cors', body: { message: { body: 'posted by another site' } } } })

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with a Host header of the test's choosing (fetch will not send one). */
function requestWithHost(store: Store, host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const outgoing = httpRequest(`${store.url}${path}`, { method: init.method ?? 'GET', headers: { ...init.headers, host } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    outgoing.on('error', reject)
    outgoing.end(init.body)
  })
}

function otlpBody(traceId: string): string {
  return JSON.stringify(makeRequest('web', [makeSpan({ traceId })]))
}

async function itemTitles(store: Store): Promise<string[]> {
  const items = await getJson<{ result: { items: { title: string }[] } }>(`${store.url}/api/1/items?environment=cors`)
  return items.body.result.items.map((item) => item.title)
}

async function traceStatus(store: Store, traceId: string): Promise<number> {
  const response = await fetch(`${store.url}/api/traces/${traceId}`)
  await response.arrayBuffer()
  return response.status
}

describe('requests from browser origins that are not allowed', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(() => store.close())

  it('refuses a text/plain Rollbar item posted by another site, which needs no preflight, and stores nothing from it', async () => {
    const response = await fetch(`${store.url}/api/1/item/`, {
      method: 'POST',
      headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
      body: ROLLBAR_ITEM,
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ err: 1, message: `origin ${EVIL_ORIGIN} is not allowed; allow it with --cors-origin (option corsOrigins)` })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(await itemTitles(store)).toEqual([])

    // servers, curl and exporters send no Origin; local pages are allowed
    const traceId = newTraceId()
    const fromServer = await fetch(`${store.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpBody(traceId) })
    expect(fromServer.status).toBe(200)
    const fromLocalPage = await fetch(`${store.url}/api/1/item/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'text/plain' },
      body: ROLLBAR_ITEM,
    })
    expect(fromLocalPage.status).toBe(200)
    expect(fromLocalPage.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(await traceStatus(store, traceId)).toBe(200)
    expect(await itemTitles(store)).toEqual(['posted by another site'])
  })

  it('refuses spans posted by another site and stores nothing', async () => {
    const traceId = newTraceId()
    for (const contentType of ['text/plain', 'application/json']) {
      const response = await fetch(`${store.url}/v1/traces`, {
        method: 'POST',
        headers: { origin: EVIL_ORIGIN, 'content-type': contentType },
        body: otlpBody(traceId),
      })
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({
        code: 7,
        message: `origin ${EVIL_ORIGIN} is not allowed; allow it with --cors-origin (option corsOrigins)`,
        details: [],
      })
    }
    expect(await traceStatus(store, traceId)).toBe(404)
  })

  it('refuses reads from another site too, and a sandboxed page (Origin: null)', async () => {
    for (const [path, origin] of [
      ['/api/traces', EVIL_ORIGIN],
      ['/api/services', 'null'],
      ['/api/1/items', EVIL_ORIGIN],
      ['/health', EVIL_ORIGIN],
    ] as const) {
      const response = await fetch(`${store.url}${path}`, { headers: { origin } })
      await response.arrayBuffer()
      expect(response.status, path).toBe(403)
    }
  })

  it('lets an allowed origin send the headers its exporter adds', async () => {
    const response = await fetch(`${store.url}/v1/traces`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-honeycomb-team,x-custom-auth',
      },
    })
    expect(response.status).toBe(204)
    const allowed = response.headers
      .get('access-control-allow-headers')!
      .split(',')
      .map((name) => name.trim())
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-honeycomb-team', 'x-custom-auth']))
    expect(response.headers.get('vary')).toContain('Access-Control-Request-Headers')
  })
})

describe('requests for a host the store does not serve (DNS rebinding)', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(() => store.close())

  it('refuses a request whose Host is another name than loopback, whatever the path, and stores nothing', async () => {
    const traceId = newTraceId()
    const post = await requestWithHost(store, `rebind.evil.example:${store.port}`, '/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpBody(traceId),
    })
    expect(post.status).toBe(403)
    expect(JSON.parse(post.body)).toEqual({
      code: 7,
      message: `host 'rebind.evil.example:${store.port}' is not allowed; allow it with --allowed-host (option allowedHosts)`,
      details: [],
    })
    const read = await requestWithHost(store, `rebind.evil.example:${store.port}`, '/api/traces')
    expect(read.status).toBe(403)
    expect(JSON.parse(read.body)).toEqual({ error: { code: 'host_not_allowed', message: expect.stringContaining('rebind.evil.example') } })
    const item = await requestWithHost(store, 'rebind.evil.example', '/api/1/item/', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: ROLLBAR_ITEM,
    })
    expect(item.status).toBe(403)
    expect(await traceStatus(store, traceId)).toBe(404)
    expect(await itemTitles(store)).toEqual([])
    // the loopback names are served on any port
    for (const host of [`localhost:${store.port}`, `127.0.0.1:${store.port}`, '[::1]:80', 'LOCALHOST', '127.0.0.1']) {
      expect((await requestWithHost(store, host, '/health')).status, host).toBe(200)
    }
  })

  it('answers for the hosts it is configured for, or any with *', async () => {
    const configured = await startTestStore({ allowedHosts: ['trace-store'] })
    const open = await startTestStore({ allowedHosts: '*' })
    try {
      expect((await requestWithHost(configured, 'trace-store:4318', '/health')).status).toBe(200)
      expect((await requestWithHost(configured, 'localhost:4318', '/health')).status).toBe(200)
      expect((await requestWithHost(configured, 'other-store:4318', '/health')).status).toBe(403)
      expect((await requestWithHost(open, 'anything.example', '/health')).status).toBe(200)
    } finally {
      await Promise.all([configured.close(), open.close()])
    }
  })
})

describe('hostPolicyOf', () => {
  it('adds the listen address, and every IP address when listening on all of them', () => {
    const onLan = hostPolicyOf([], '192.168.1.20')
    expect(isHostAllowed('192.168.1.20:4318', onLan)).toBe(true)
    expect(isHostAllowed('192.168.1.21:4318', onLan)).toBe(false)
    const everywhere = hostPolicyOf([], '0.0.0.0')
    expect(isHostAllowed('10.0.0.7:4318', everywhere)).toBe(true)
    expect(isHostAllowed('[fe80::1]:4318', everywhere)).toBe(true)
    expect(isHostAllowed('devbox.local:4318', everywhere)).toBe(false)
    expect(isHostAllowed('[::1]:4318', hostPolicyOf([], '::1'))).toBe(true)
  })

  it('refuses a Host header no browser would send', () => {
    const policy = hostPolicyOf([], '127.0.0.1')
    for (const host of ['evil.example@localhost', 'localhost:4318:1', 'localhost/x', '', 'localhost.evil.example'])
      expect(isHostAllowed(host, policy), host).toBe(false)
  })
})
