import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../../../server/testing/fixture-server'

// The item status route called directly, against Rollbar's recorded answers served on a test port.
vi.mock('server-only', () => ({}))
const PORT = 4867
const READ_TOKEN = 'route-read-token-0b7e'
const WRITE_TOKEN = 'route-write-token-5d2a'
process.env.ROLLBAR_API_URL = `http://127.0.0.1:${PORT}`
process.env.ROLLBAR_READ_TOKEN = READ_TOKEN
process.env.ROLLBAR_WRITE_TOKEN = WRITE_TOKEN

const { fixture, startFixtureServer } = await import('../../../server/testing/fixture-server')
const statusRoute = await import('../errors/items/[itemId]/status/route')
let server: FixtureServer

beforeAll(async () => {
  server = await startFixtureServer(PORT, (url, request) => {
    if (request.method === 'PATCH' && url.pathname === '/api/1/item/1152746872') return { body: fixture('rollbar-item-1152746872-patched-resolved.json') }
    if (request.method === 'PATCH' && url.pathname === '/api/1/item/7') return { status: 403, body: fixture('rollbar-error-write-scope-required.json') }
    return { status: 404, body: { err: 1, message: 'Not found' } }
  })
})
beforeEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

const DASHBOARD = 'http://127.0.0.1:3300'
function patch(itemId: string, body: string, headers: Record<string, string>) {
  const request = new Request(`${DASHBOARD}/api/errors/items/${itemId}/status`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', host: '127.0.0.1:3300', ...headers },
    body,
  })
  return statusRoute.PATCH(request, { params: Promise.resolve({ itemId }) })
}
const sameOrigin = { origin: DASHBOARD, 'sec-fetch-site': 'same-origin' }

describe('PATCH /api/errors/items/:itemId/status', () => {
  it('changes the status upstream with the write token and answers the new status', async () => {
    const response = await patch('1152746872', '{"status":"resolved"}', sameOrigin)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ itemId: 1152746872, status: 'resolved' })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]!.method).toBe('PATCH')
    expect(server.requests[0]!.headers['x-rollbar-access-token']).toBe(WRITE_TOKEN)
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ status: 'resolved' })
  })

  it('refuses a cross-origin PATCH with 403 and sends nothing upstream', async () => {
    const crossOrigin: Record<string, string>[] = [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, {}]
    for (const headers of crossOrigin) {
      const response = await patch('1152746872', '{"status":"resolved"}', headers)
      expect(response.status).toBe(403)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    }
    expect(server.requests).toHaveLength(0)
  })

  it('answers 400 naming what is wrong with the body, before contacting Rollbar', async () => {
    const archived = await patch('1152746872', '{"status":"archived"}', sameOrigin)
    expect(archived.status).toBe(400)
    expect(((await archived.json()) as { error: { message: string } }).error.message).toBe('status: must be one of active, resolved, muted')
    expect((await patch('1152746872', 'resolved', sameOrigin)).status).toBe(400)
    expect((await patch('1152746872', '{"status":"muted","title":"x"}', sameOrigin)).status).toBe(400)
    expect((await patch('abc', '{"status":"muted"}', sameOrigin)).status).toBe(400)
    expect(server.requests).toHaveLength(0)
  })

  it('says the token lacks write scope when Rollbar refuses it, never echoing a token', async () => {
    const response = await patch('7', '{"status":"muted"}', sameOrigin)
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(text).toContain('lacks write scope')
    expect(text).not.toContain(WRITE_TOKEN)
    expect(text).not.toContain(READ_TOKEN)
  })

  it('answers 404 for an item Rollbar does not know', async () => {
    expect((await patch('99', '{"status":"active"}', sameOrigin)).status).toBe(404)
  })
})
