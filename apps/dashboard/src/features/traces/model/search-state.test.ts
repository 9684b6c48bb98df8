import { describe, expect, it } from 'vitest'
import { EMPTY_SEARCH, parseSearchState, searchStateToApiParams, searchStateToParams } from './search-state'

describe('search state in the URL', () => {
  it('round-trips every filter through the page URL', () => {
    const state = {
      service: 'api',
      name: 'GET /x',
      minDurationMs: '10',
      maxDurationMs: '2000',
      errorsOnly: true,
      attributes: ['http.route=/a=b', 'user.id=7'],
      range: 'custom' as const,
      from: '1000',
      to: '2000',
    }
    const params = searchStateToParams(state)
    expect(params.toString()).toBe(
      'service=api&name=GET+%2Fx&minDurationMs=10&maxDurationMs=2000&errorsOnly=true&attribute=http.route%3D%2Fa%3Db&attribute=user.id%3D7&range=custom&from=1000&to=2000',
    )
    expect(parseSearchState(params)).toEqual(state)
  })

  it('leaves defaults out so the plain page has a plain URL', () => {
    expect(searchStateToParams(EMPTY_SEARCH).toString()).toBe('')
    expect(parseSearchState(new URLSearchParams('range=bogus&attribute=novalue'))).toEqual(EMPTY_SEARCH)
  })

  it('resolves relative ranges against now for the API', () => {
    const params = searchStateToApiParams({ ...EMPTY_SEARCH, range: '15m', errorsOnly: true }, 1_000_000_000, 50)
    expect(params.toString()).toBe('errorsOnly=true&startFromMs=999100000&limit=50')
  })

  it('passes custom bounds through as unix ms', () => {
    const params = searchStateToApiParams({ ...EMPTY_SEARCH, range: 'custom', from: '5', to: '9' }, 1_000_000_000, 20)
    expect(params.toString()).toBe('startFromMs=5&startToMs=9&limit=20')
  })
})
