import { describe, expect, it } from 'vitest'
import { hasOnlyClientErrors } from './error-severity'

describe('hasOnlyClientErrors', () => {
  it('holds when every error of the trace is an HTTP 4xx answer', () => {
    expect(hasOnlyClientErrors({ errorCount: 2, clientErrorCount: 2 })).toBe(true)
  })

  it('does not hold with one severe error, no error, or a source that does not count 4xx answers', () => {
    expect(hasOnlyClientErrors({ errorCount: 2, clientErrorCount: 1 })).toBe(false)
    expect(hasOnlyClientErrors({ errorCount: 0, clientErrorCount: 0 })).toBe(false)
    expect(hasOnlyClientErrors({ errorCount: 3 })).toBe(false)
    expect(hasOnlyClientErrors({ errorCount: null })).toBe(false)
  })
})
