import { describe, expect, it } from 'vitest'
import { compareHref, parseCompareParams } from './compare-params'

const A = '5b8efff798038103d269b633813fc60c'
const B = '0af7651916cd43dd8448eb211c80319c'

describe('parseCompareParams', () => {
  it('reads two trace ids, lowercased', () => {
    expect(parseCompareParams(new URLSearchParams({ a: A.toUpperCase(), b: ` ${B} ` }))).toEqual({ kind: 'ok', a: A, b: B })
  })

  it('is empty when neither id is given (the page shows its form)', () => {
    expect(parseCompareParams(new URLSearchParams())).toMatchObject({ kind: 'empty' })
    expect(parseCompareParams(new URLSearchParams({ a: '', b: ' ' }))).toMatchObject({ kind: 'empty' })
  })

  it('names each missing or malformed id', () => {
    expect(parseCompareParams(new URLSearchParams({ a: A }))).toEqual({ kind: 'invalid', a: A, b: '', problems: ['b: the second trace id is missing'] })
    expect(parseCompareParams(new URLSearchParams({ a: 'zzz', b: '0'.repeat(32) }))).toMatchObject({
      kind: 'invalid',
      problems: ['a: must be 32 hex digits, not all zero', 'b: must be 32 hex digits, not all zero'],
    })
  })

  it('builds the page link', () => {
    expect(compareHref(A, B)).toBe(`/traces/compare?a=${A}&b=${B}`)
  })
})
