import { describe, expect, it } from 'vitest'
import { httpLink } from './http-link'

describe('httpLink', () => {
  it('links absolute http(s) URLs only', () => {
    expect(httpLink('https://shop.example/cart?id=1')).toBe('https://shop.example/cart?id=1')
    expect(httpLink('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/')
    expect([
      httpLink('javascript:alert(1)'),
      httpLink('JaVaScRiPt:alert(1)'),
      httpLink('data:text/html,<b>x</b>'),
      httpLink('/relative'),
      httpLink(null),
    ]).toEqual([null, null, null, null, null])
  })
})
