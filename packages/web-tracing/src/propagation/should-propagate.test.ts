import { describe, expect, it } from 'vitest'
import { parsePropagationTarget, type ParsedPropagationTarget } from './parse-propagation-target.js'
import { createPropagationPredicate } from './should-propagate.js'
import { UrlPredicateRegExp } from './url-predicate-regexp.js'

const PAGE_ORIGIN = 'http://127.0.0.1:4700'

function predicateFor(targets: (string | RegExp | ((url: string) => boolean))[]) {
  const parsed = targets.map((target) => parsePropagationTarget(target, `${PAGE_ORIGIN}/app/`)?.target).filter((t): t is ParsedPropagationTarget => !!t)
  return createPropagationPredicate(parsed, PAGE_ORIGIN)
}

describe('createPropagationPredicate', () => {
  it('always propagates to the page origin, including relative URLs', () => {
    const shouldPropagate = predicateFor([])
    expect(shouldPropagate('/api/orders')).toBe(true)
    expect(shouldPropagate('http://127.0.0.1:4700/x?y=1')).toBe(true)
  })

  it('treats an origin target as covering every path on that origin, not just the exact URL', () => {
    const shouldPropagate = predicateFor(['http://127.0.0.1:4567'])
    expect(shouldPropagate('http://127.0.0.1:4567/orders/42?expand=1')).toBe(true)
    expect(shouldPropagate('http://127.0.0.1:4567')).toBe(true)
  })

  it('normalises default ports and trailing slashes on both sides', () => {
    const shouldPropagate = predicateFor(['https://api.example.com:443/'])
    expect(shouldPropagate('https://api.example.com/v1')).toBe(true)
    expect(shouldPropagate('https://API.example.com:443/v1')).toBe(true)
  })

  it('matches a path prefix on segment boundaries only', () => {
    const shouldPropagate = predicateFor(['https://example.com/api/'])
    expect(shouldPropagate('https://example.com/api')).toBe(true)
    expect(shouldPropagate('https://example.com/api/orders')).toBe(true)
    expect(shouldPropagate('https://example.com/apis')).toBe(false)
    expect(shouldPropagate('https://example.com/')).toBe(false)
  })

  it('never propagates to other origins, other schemes or other ports', () => {
    const shouldPropagate = predicateFor(['https://api.example.com'])
    expect(shouldPropagate('http://api.example.com/')).toBe(false)
    expect(shouldPropagate('https://api.example.com:8443/')).toBe(false)
    expect(shouldPropagate('https://api.example.com.evil.test/')).toBe(false)
    expect(shouldPropagate('https://third.example.org/')).toBe(false)
  })

  it('resolves relative string targets against the page', () => {
    const shouldPropagate = predicateFor(['/proxy'])
    expect(shouldPropagate('http://127.0.0.1:4700/proxy/a')).toBe(true)
  })

  it('tests RegExp targets against the whole URL and treats throwing functions as no', () => {
    const shouldPropagate = predicateFor([
      /^https:\/\/[a-z]+\.cdn\.test\//,
      () => {
        throw new Error('boom')
      },
    ])
    expect(shouldPropagate('https://img.cdn.test/a.png')).toBe(true)
    expect(shouldPropagate('https://other.test/')).toBe(false)
  })

  it('says no to URLs it cannot parse and to non-http schemes', () => {
    const shouldPropagate = predicateFor(['http://127.0.0.1:4567'])
    expect(shouldPropagate('data:text/plain,hello')).toBe(false)
    expect(createPropagationPredicate([], undefined)('not a url')).toBe(false)
  })
})

describe('UrlPredicateRegExp', () => {
  it('routes String.prototype.match and test through the predicate', () => {
    const pattern = new UrlPredicateRegExp((url) => url.endsWith('/ok'))
    expect('https://x.test/ok'.match(pattern)).not.toBeNull()
    expect('https://x.test/no'.match(pattern)).toBeNull()
    expect(pattern.test('https://x.test/ok')).toBe(true)
  })
})
