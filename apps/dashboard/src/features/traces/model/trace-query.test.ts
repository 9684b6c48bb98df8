import { describe, expect, it } from 'vitest'
import { parseTraceId, parseTraceQuery } from './trace-query'

describe('parseTraceQuery', () => {
  it('accepts every filter and splits attributes at the first =', () => {
    const result = parseTraceQuery(
      new URLSearchParams(
        'service=api&name=GET&minDurationMs=1.5&maxDurationMs=10&errorsOnly=true&attribute=url=/a=b&startFromMs=1&startToMs=2&limit=10&cursor=abc_-=',
      ),
    )
    expect(result).toEqual({
      ok: true,
      value: {
        service: 'api',
        spanName: 'GET',
        minDurationMs: 1.5,
        maxDurationMs: 10,
        errorsOnly: true,
        attributes: [{ key: 'url', value: '/a=b' }],
        startFromMs: 1,
        startToMs: 2,
        limit: 10,
        cursor: 'abc_-=',
      },
    })
  })

  it('names each bad parameter', () => {
    const reason = (query: string) => {
      const result = parseTraceQuery(new URLSearchParams(query))
      return result.ok ? 'ok' : result.reason
    }
    expect(reason('minDurationMs=abc')).toBe('minDurationMs: must be a number of milliseconds')
    expect(reason('minDurationMs=-1')).toBe('minDurationMs: must be >= 0')
    expect(reason('minDurationMs=5&maxDurationMs=1')).toBe('minDurationMs: must not be greater than maxDurationMs')
    expect(reason('startFromMs=5&startToMs=1')).toBe('startFromMs: must not be after startToMs')
    expect(reason('startFromMs=1.5')).toBe('startFromMs: must be whole unix milliseconds')
    expect(reason('limit=0')).toBe('limit: must be >= 1')
    expect(reason('limit=100000')).toBe('limit: must be <= 500')
    expect(reason('attribute=novalue')).toBe("attribute: must be 'key=value'")
    expect(reason('errorsOnly=yes')).toBe("errorsOnly: must be 'true', 'false' or 'severe'")
    expect(reason('bogus=1')).toBe('unknown parameter(s): bogus')
    expect(reason('cursor=%3Cscript%3E')).toBe('cursor: not a cursor returned by this API')
  })

  it('reads errorsOnly=severe as errors that are not HTTP 4xx answers', () => {
    expect(parseTraceQuery(new URLSearchParams('errorsOnly=severe'))).toMatchObject({ ok: true, value: { errorsOnly: true, severeErrorsOnly: true } })
    expect(parseTraceQuery(new URLSearchParams('errorsOnly=true'))).toMatchObject({ ok: true, value: { errorsOnly: true } })
  })

  it('defaults the limit', () => {
    const result = parseTraceQuery(new URLSearchParams(''))
    expect(result.ok && result.value.limit).toBe(50)
  })
})

describe('parseTraceId', () => {
  it('accepts 32 hex digits in any case and lowercases them', () => {
    expect(parseTraceId('5B8EFFF798038103D269B633813FC60C')).toEqual({ ok: true, value: '5b8efff798038103d269b633813fc60c' })
  })

  it('refuses other lengths, non-hex and the all-zero id', () => {
    for (const bad of ['abc', '5b8efff798038103d269b633813fc60', 'zz8efff798038103d269b633813fc60c', '00000000000000000000000000000000', '../../etc/passwd']) {
      expect(parseTraceId(bad).ok).toBe(false)
    }
  })
})
