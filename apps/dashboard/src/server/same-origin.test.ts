import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
const { crossSiteWriteProblem, refuseCrossSiteWrite } = await import('./same-origin')

const patch = (headers: Record<string, string>) => new Request('http://127.0.0.1:3300/api/errors/items/1/status', { method: 'PATCH', headers })

describe('crossSiteWriteProblem', () => {
  it("lets through the dashboard's own pages: Sec-Fetch-Site same-origin, or an Origin naming this host", () => {
    expect(crossSiteWriteProblem(patch({ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:3300', host: '127.0.0.1:3300' }))).toBeNull()
    // behind a proxy that rewrites Host, the browser's word still counts
    expect(crossSiteWriteProblem(patch({ 'sec-fetch-site': 'same-origin', origin: 'https://dash.example', host: '127.0.0.1:3300' }))).toBeNull()
    expect(crossSiteWriteProblem(patch({ origin: 'http://127.0.0.1:3300', host: '127.0.0.1:3300' }))).toBeNull()
  })

  it('refuses another site, a sibling subdomain, an opaque origin and a request that names no origin', () => {
    expect(crossSiteWriteProblem(patch({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example', host: '127.0.0.1:3300' }))).toMatch(/cross-site/)
    expect(crossSiteWriteProblem(patch({ 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:9999', host: '127.0.0.1:3300' }))).toMatch(/same-site/)
    expect(crossSiteWriteProblem(patch({ origin: 'https://evil.example', host: '127.0.0.1:3300' }))).toMatch(/another origin/)
    expect(crossSiteWriteProblem(patch({ origin: 'http://127.0.0.1:9999', host: '127.0.0.1:3300' }))).toMatch(/another origin/)
    expect(crossSiteWriteProblem(patch({ origin: 'null', host: '127.0.0.1:3300' }))).toMatch(/opaque/)
    expect(crossSiteWriteProblem(patch({ host: '127.0.0.1:3300' }))).toMatch(/without an Origin/)
  })

  it('answers a refusal with 403 in the error envelope', async () => {
    const response = refuseCrossSiteWrite(patch({ origin: 'https://evil.example', host: '127.0.0.1:3300' }))!
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'a request from another origin may not change anything' } })
  })
})
