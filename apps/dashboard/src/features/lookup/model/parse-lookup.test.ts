import { describe, expect, it } from 'vitest'
import { parseLookup, parseSessionId } from './parse-lookup'

describe('parseLookup', () => {
  it('reads a trace id in any case, trimmed', () => {
    expect(parseLookup('  5B8EFFF798038103D269B633813FC60C ')).toEqual({ kind: 'trace', traceId: '5b8efff798038103d269b633813fc60c', spanId: null })
  })

  it('reads a W3C traceparent as its trace and parent span', () => {
    expect(parseLookup('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      kind: 'trace',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
    })
  })

  it('refuses a traceparent of version ff or with an all-zero trace id', () => {
    expect(parseLookup('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01').kind).toBe('invalid')
    expect(parseLookup('00-00000000000000000000000000000000-00f067aa0ba902b7-01').kind).toBe('invalid')
  })

  it('reads a span id and an occurrence uuid', () => {
    expect(parseLookup('00F067AA0BA902B7')).toEqual({ kind: 'span', spanId: '00f067aa0ba902b7' })
    expect(parseLookup('D4C7ACEF-55BF-4C9E-A95E-4FE9428A8287')).toEqual({ kind: 'uuid', uuid: 'd4c7acef-55bf-4c9e-a95e-4fe9428a8287' })
  })

  it('refuses all-zero ids, other lengths, quotes and empty input with a reason', () => {
    for (const input of ['', '0000000000000000', '00000000000000000000000000000000', 'abc', "5b8efff798038103d269b633813fc60c'", 'x'.repeat(300)]) {
      const parsed = parseLookup(input)
      expect(parsed.kind, input).toBe('invalid')
      expect(parsed.kind === 'invalid' && parsed.reason.length > 0).toBe(true)
    }
  })
})

describe('parseSessionId', () => {
  it('accepts the safe charset only', () => {
    expect(parseSessionId('9f2c4e1a0b3d4c5e8f7a6b5c4d3e2f1a')).toBe('9f2c4e1a0b3d4c5e8f7a6b5c4d3e2f1a')
    expect(parseSessionId('sess-1:web.2_x')).toBe('sess-1:web.2_x')
    for (const bad of ['', "a'b", 'a b', 'a/b', '<x>', 'é', 'x'.repeat(129)]) expect(parseSessionId(bad), bad).toBeNull()
  })
})
