import { describe, expect, it } from 'vitest'
import { classifyNavigation, type LocationParts } from './classify-navigation.js'

const at = (pathname: string, search = '', hash = ''): LocationParts => ({ pathname, search, hash })

describe('classifyNavigation', () => {
  it('counts a pushState to another path, or another query, as push', () => {
    expect(classifyNavigation('push', at('/a'), at('/b'))).toBe('push')
    expect(classifyNavigation('push', at('/a', '?page=1'), at('/a', '?page=2'))).toBe('push')
  })

  it('ignores a pushState of the same URL (a router storing state)', () => {
    expect(classifyNavigation('push', at('/a', '?q=1', '#x'), at('/a', '?q=1', '#x'))).toBeUndefined()
  })

  it('counts a replaceState only when the path changed', () => {
    expect(classifyNavigation('replace', at('/a'), at('/b'))).toBe('replace')
    expect(classifyNavigation('replace', at('/a', '?sort=asc'), at('/a', '?sort=desc'))).toBeUndefined()
    expect(classifyNavigation('replace', at('/a'), at('/a', '', '#top'))).toBeUndefined()
  })

  it('counts a back/forward to another page as pop', () => {
    expect(classifyNavigation('pop', at('/b'), at('/a'))).toBe('pop')
    expect(classifyNavigation('pop', at('/a', '?page=2'), at('/a', '?page=1'))).toBe('pop')
  })

  it('leaves a back/forward that only changes the fragment to the hashchange that follows it', () => {
    expect(classifyNavigation('pop', at('/a', '', '#two'), at('/a', '', '#one'))).toBeUndefined()
    expect(classifyNavigation('hash', at('/a', '', '#two'), at('/a', '', '#one'))).toBe('hash')
  })

  it('ignores a hashchange already recorded by the popstate before it', () => {
    expect(classifyNavigation('hash', at('/a', '', '#x'), at('/a', '', '#x'))).toBeUndefined()
  })
})
