import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { RollbarSource } = await import('./rollbar-source')

const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
let server: FixtureServer
let source: InstanceType<typeof RollbarSource>

beforeAll(async () => {
  server = await startFixtureServer(4854, (url) => {
    if (url.pathname === '/api/1/items') return { body: fixture('rollbar-items-page-1.json') }
    if (url.pathname === '/api/1/item/1152746872') return { body: fixture('rollbar-item-1152746872.json') }
    if (url.pathname === '/api/1/item/1152746872/instances') return { body: fixture('rollbar-instances-with-trace-ids.json') }
    if (url.pathname === '/api/1/item/1152746873/instances') return { body: fixture('rollbar-instances-without-trace-id.json') }
    if (url.pathname === '/api/1/item/5') return { status: 401, body: fixture('rollbar-error-invalid-token.json') }
    if (url.pathname.startsWith('/api/1/item/')) return { status: 404, body: { err: 1, message: 'Not found' } }
    return undefined
  })
  source = new RollbarSource({
    name: 'Rollbar',
    baseUrl: server.url,
    headers: { 'x-rollbar-access-token': 'read-secret' },
    timeoutMs: 2000,
    unreachableHint: '',
  })
})
afterAll(() => server.close())

describe('Rollbar adapter (recorded responses)', () => {
  it('lists items with repeated filter parameters and normalises numeric levels and statuses', async () => {
    const page = await source.items({ status: 'active', levels: ['error', 'critical'], environment: 'production', query: 'TypeError', page: 2 })
    const params = server.requests.at(-1)!.url.searchParams
    expect(params.getAll('level')).toEqual(['error', 'critical'])
    expect([params.get('status'), params.get('environment'), params.get('q'), params.get('page')]).toEqual(['active', 'production', 'TypeError', '2'])
    expect(server.requests.at(-1)!.headers['x-rollbar-access-token']).toBe('read-secret')
    expect(page.totalCount).toBe(2)
    expect(page.items.map((item) => [item.id, item.level, item.status, item.lastOccurrenceSec])).toEqual([
      [1152746872, 'error', 'active', 1782036650],
      [1152746873, 'warning', 'active', 1782030000],
    ])
  })

  it('reads occurrences: trace id from custom data or attributes, frames most recent first, message bodies', async () => {
    const result = (await source.occurrences(1152746872, 1))!
    const [browser, message] = result.occurrences
    expect(browser).toMatchObject({
      traceId: TRACE_ID,
      spanId: 'c8d93156b47cd010',
      level: 'error',
      codeVersion: '3da5415',
      uuid: 'd4c7acef55bf4c9ea95e4fe9428a8287',
    })
    expect(browser!.exceptions[0]!.frames.map((frame) => frame.method)).toEqual(['render', 'dispatch'])
    expect(browser!.request).toMatchObject({ url: 'https://app/checkout' })
    expect(message).toMatchObject({
      traceId: TRACE_ID,
      spanId: '9082d67808fc8870',
      sessionId: 'sess-1',
      level: 'error',
      message: 'checkout failed',
      exceptions: [],
    })
  })

  it('finds the occurrences that carry a trace id among recent items when the upstream has no RQL', async () => {
    const lookup = await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(lookup.via).toBe('scan')
    expect(lookup.items).toEqual([
      {
        itemId: 1152746872,
        uuid: 'e5',
        title: 'TypeError: cart is undefined',
        level: 'error',
        occurrenceId: 200137760519,
        spanId: '9082d67808fc8870',
        timestampSec: 1782036644,
      },
      {
        itemId: 1152746872,
        uuid: 'd4c7acef55bf4c9ea95e4fe9428a8287',
        title: 'TypeError: cart is undefined',
        level: 'error',
        occurrenceId: 200137760520,
        spanId: 'c8d93156b47cd010',
        timestampSec: 1782036650,
      },
    ])
  })

  it('answers null for an unknown item and maps a refused token to an upstream error that does not echo the token', async () => {
    expect(await source.item(99)).toBeNull()
    const failure = (await source.item(5).catch((error: unknown) => error)) as Error & { code: string }
    expect(failure.code).toBe('upstream_error')
    expect(failure.message).toContain('Rollbar refused')
    expect(failure.message).not.toContain('read-secret')
  })
})
