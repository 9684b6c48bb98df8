import { NextRequest } from 'next/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))

async function loadProxy(env: Record<string, string> = {}) {
  vi.resetModules()
  delete process.env.SPANLIGHT_DASHBOARD_ALLOWED_HOSTS
  delete process.env.__NEXT_PRIVATE_ORIGIN
  Object.assign(process.env, env)
  return (await import('./proxy')).proxy
}

function requestTo(path: string, host: string): NextRequest {
  return new NextRequest(`http://127.0.0.1:3300${path}`, { headers: { host } })
}

const saved = { ...process.env }
beforeEach(() => {
  process.env = { ...saved }
})
afterEach(() => {
  process.env = { ...saved }
})

describe('proxy: allowed hosts', () => {
  it('answers 403 to a Host that is not allowed, before any page or route runs', async () => {
    const proxy = await loadProxy()
    for (const path of ['/', '/api/errors/items', '/traces/5b8efff798038103d269b633813fc60c']) {
      const response = proxy(requestTo(path, 'evil.example'))
      expect(response.status, path).toBe(403)
      // not passed on to the route: Next.js continues only on x-middleware-next or a rewrite
      expect(response.headers.get('x-middleware-next'), path).toBeNull()
      expect(response.headers.get('x-middleware-rewrite'), path).toBeNull()
      expect(await response.text()).toMatch(/SPANLIGHT_DASHBOARD_ALLOWED_HOSTS/)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('passes loopback names on to the route, and configured names', async () => {
    const proxy = await loadProxy({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: 'dash.example.com' })
    for (const host of ['127.0.0.1:3300', 'localhost:3300', '[::1]:3300', 'dash.example.com'])
      expect(proxy(requestTo('/api/config', host)).headers.get('x-middleware-next'), host).toBe('1')
    expect(proxy(requestTo('/api/config', 'evil.example')).status).toBe(403)
  })

  it("serves any Host when SPANLIGHT_DASHBOARD_ALLOWED_HOSTS is '*'", async () => {
    const proxy = await loadProxy({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: '*' })
    expect(proxy(requestTo('/api/config', 'evil.example')).headers.get('x-middleware-next')).toBe('1')
  })
})

describe('proxy: security headers', () => {
  it('gives a page a CSP with a fresh nonce, and passes the nonce on to Next.js in the request headers', async () => {
    const proxy = await loadProxy()
    const first = proxy(requestTo('/traces', '127.0.0.1:3300'))
    const second = proxy(requestTo('/traces', '127.0.0.1:3300'))
    const csp = first.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}';`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false)
    // NextResponse.next({ request: { headers } }) hands overridden request headers to Next.js this way
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce)
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(csp)
  })

  it("allows eval only under next dev, never in a production build's CSP", async () => {
    const { pageContentSecurityPolicy } = await import('./server/security-headers')
    expect(pageContentSecurityPolicy('n')).not.toContain('unsafe-eval')
    expect(pageContentSecurityPolicy('n', { development: true })).toContain("script-src 'self' 'nonce-n' 'unsafe-eval'")
  })

  it('puts the same protective headers on pages, API routes and static files', async () => {
    const proxy = await loadProxy()
    for (const path of ['/', '/api/traces', '/_next/static/chunks/app.js', '/icon.svg']) {
      const headers = proxy(requestTo(path, 'localhost:3300')).headers
      expect(headers.get('x-frame-options'), path).toBe('DENY')
      expect(headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(headers.get('cross-origin-opener-policy'), path).toBe('same-origin')
      expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
    }
    expect(proxy(requestTo('/api/traces', 'localhost:3300')).headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
  })
})

describe('proxy: statuses', () => {
  it('answers 400 for a trace or item page with a malformed id, 200 otherwise (the page renders why)', async () => {
    const proxy = await loadProxy()
    for (const path of ['/traces/zzz', '/traces/00000000000000000000000000000000', '/errors/abc', '/errors/0', '/traces/%E0%A4%A'])
      expect(proxy(requestTo(path, 'localhost')).status, path).toBe(400)
    for (const path of ['/traces/5b8efff798038103d269b633813fc60c', '/errors/12', '/traces', '/traces/open', '/errors', '/sessions/abc', '/lookup'])
      expect(proxy(requestTo(path, 'localhost')).status, path).toBe(200)
  })

  it('answers 400 for the compare page with a trace id missing or malformed, 200 with both or neither', async () => {
    const proxy = await loadProxy()
    const id = '5b8efff798038103d269b633813fc60c'
    for (const query of [`a=${id}`, `a=zzz&b=${id}`, `a=${id}&b=${'0'.repeat(32)}`])
      expect(proxy(requestTo(`/traces/compare?${query}`, 'localhost')).status, query).toBe(400)
    for (const query of [`a=${id}&b=0af7651916cd43dd8448eb211c80319c`, '', 'a=&b='])
      expect(proxy(requestTo(`/traces/compare?${query}`, 'localhost')).status, query).toBe(200)
  })
})
