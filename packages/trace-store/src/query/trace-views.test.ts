import { describe, expect, it } from 'vitest'
import { toResourceView, toScopeView } from './trace-views.js'

describe('resource and scope views', () => {
  it('fill in what rows stored before schemaUrl and the scope count were kept lack', () => {
    expect(toResourceView('{"attributes":[],"droppedAttributesCount":2}')).toEqual({ attributes: [], droppedAttributesCount: 2, schemaUrl: '' })
    expect(toScopeView('{"name":"lib","version":"1","attributes":[]}')).toEqual({
      name: 'lib',
      version: '1',
      attributes: [],
      droppedAttributesCount: 0,
      schemaUrl: '',
    })
  })
})
