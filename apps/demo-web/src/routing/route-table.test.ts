import { describe, expect, it } from 'vitest'
import { matchRoute, userPath } from './route-table.js'

describe('matchRoute', () => {
  it('matches each fixed page by its path, with or without a trailing slash', () => {
    expect(matchRoute('/')).toEqual({ template: '/', params: {} })
    expect(matchRoute('/search')).toEqual({ template: '/search', params: {} })
    expect(matchRoute('/errors/')).toEqual({ template: '/errors', params: {} })
  })

  it('gives a profile path the template, and the handle as a decoded parameter', () => {
    expect(matchRoute('/users/worf')).toEqual({ template: '/users/:handle', params: { handle: 'worf' } })
    expect(matchRoute(userPath('a b/ü'))).toEqual({ template: '/users/:handle', params: { handle: 'a b/ü' } })
  })

  it('matches no page for unknown paths, extra segments or a malformed escape', () => {
    expect(matchRoute('/nowhere')).toBeUndefined()
    expect(matchRoute('/users')).toBeUndefined()
    expect(matchRoute('/users/worf/posts')).toBeUndefined()
    expect(matchRoute('/users/%E0')).toBeUndefined()
  })
})
