import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { RollbarItemStatus } = await import('./rollbar-item-status')

const WRITE_TOKEN = 'write-secret-91c2'
let server: FixtureServer

beforeAll(async () => {
  server = await startFixtureServer(4866, (url, request) => {
    if (request.method !== 'PATCH') return { status: 405, body: { err: 1, message: 'Method not allowed' } }
    if (url.pathname === '/api/1/item/1152746872') return { body: fixture('rollbar-item-1152746872-patched-resolved.json') }
    if (url.pathname === '/api/1/item/7') return { status: 403, body: fixture('rollbar-error-write-scope-required.json') }
    if (url.pathname === '/api/1/item/8') return { body: { err: 0, result: { title: 'no id or status' } } }
    return { status: 404, body: { err: 1, message: 'Not found' } }
  })
})
afterAll(() => server.close())

const client = () =>
  new RollbarItemStatus({ name: 'Rollbar', baseUrl: server.url, headers: { 'x-rollbar-access-token': WRITE_TOKEN }, timeoutMs: 2000, unreachableHint: '' })

describe('Rollbar item status (recorded responses)', () => {
  it('PATCHes the item with the status as JSON and the write token, and reads the new status from the answer', async () => {
    const change = await client().setStatus(1152746872, 'resolved')
    expect(change).toEqual({ itemId: 1152746872, status: 'resolved' })
    const sent = server.requests.at(-1)!
    expect(sent.method).toBe('PATCH')
    expect(sent.url.pathname).toBe('/api/1/item/1152746872')
    expect(sent.headers['x-rollbar-access-token']).toBe(WRITE_TOKEN)
    expect(sent.headers['content-type']).toBe('application/json')
    expect(JSON.parse(sent.body)).toEqual({ status: 'resolved' })
  })

  it('says the token lacks write scope when Rollbar answers 403, without echoing the token', async () => {
    const failure = (await client()
      .setStatus(7, 'muted')
      .catch((error: unknown) => error)) as Error & { code: string }
    expect(failure.code).toBe('upstream_error')
    expect(failure.message).toContain('lacks write scope')
    expect(failure.message).toContain('ROLLBAR_WRITE_TOKEN')
    expect(failure.message).not.toContain(WRITE_TOKEN)
  })

  it('answers null for an unknown item and reports an answer without a status as a bad response', async () => {
    expect(await client().setStatus(99, 'active')).toBeNull()
    const failure = (await client()
      .setStatus(8, 'active')
      .catch((error: unknown) => error)) as Error & { code: string }
    expect(failure.code).toBe('upstream_bad_response')
  })
})
