import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
process.env.SPANLIGHT_STORE_URL = 'http://store.internal:4318/base-9c'
process.env.SPANLIGHT_READ_TOKEN = 'respond-test-token-61ab'
const { respond } = await import('./respond')
const { DashboardError } = await import('./errors')

describe('respond', () => {
  it('removes any URL, the configured upstream address and the token from an error message, whichever code produced it', async () => {
    const response = await respond(async () => {
      throw new DashboardError(
        'upstream_bad_response',
        'Tempo sent a trace the dashboard cannot read: span at https://tempo.example/api?x=1 from store.internal:4318 with respond-test-token-61ab',
        'Tempo',
      )
    })
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text).error.message).toBe('Tempo sent a trace the dashboard cannot read: span at (an address) from (an address) with ***')
    for (const secret of ['tempo.example', 'store.internal', '4318', 'respond-test-token-61ab']) expect(text).not.toContain(secret)
  })

  it('keeps a message that holds no address as it is', async () => {
    const response = await respond(async () => {
      throw new DashboardError('not_found', 'trace 5b8efff798038103d269b633813fc60c was not found in the trace store')
    })
    expect((await response.json()).error).toEqual({ code: 'not_found', message: 'trace 5b8efff798038103d269b633813fc60c was not found in the trace store' })
  })
})
