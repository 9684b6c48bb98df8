import { describe, expect, it } from 'vitest'
import { makeRequest, makeSpan } from '../../test-support/otlp-builders.js'
import { checkUnixNano } from '../otlp/check-span-fields.js'
import { collectSpans } from './collect-spans.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'

describe('collectSpans', () => {
  it('normalises hex ids to lower case and keeps ns times exactly', () => {
    const upperCaseIds = { traceId: '5B8EFFF798038103D269B633813FC60C', spanId: 'EEE19B7EC3C1B174', startTimeUnixNano: '1718000000000000001' }
    const endBeforeStart = makeRequest('svc', [makeSpan({ ...upperCaseIds, endTimeUnixNano: '1718000000' })])
    expect(collectSpans(endBeforeStart).rejected[0]!.reason).toBe('endTimeUnixNano is before startTimeUnixNano')
    const [span] = collectSpans(makeRequest('svc', [makeSpan({ ...upperCaseIds, endTimeUnixNano: '1718000000000000009' })])).spans
    expect(span).toMatchObject({ traceId: '5b8efff798038103d269b633813fc60c', startTimeUnixNano: 1718000000000000001n })
    expect(span!.stored).toMatchObject({ spanId: 'eee19b7ec3c1b174', startTimeUnixNano: '1718000000000000001', serviceName: 'svc' })
  })

  it('accepts int64 attributes given as JSON numbers and stores them as strings', () => {
    const request = makeRequest('svc', [makeSpan({ attributes: [{ key: 'n', value: { intValue: 42 } }] })])
    expect(collectSpans(request).spans[0]!.stored.attributes).toEqual([{ key: 'n', value: { intValue: '42' } }])
  })

  it('names the service unknown_service when the resource has no service.name', () => {
    const { spans } = collectSpans({ resourceSpans: [{ scopeSpans: [{ spans: [makeSpan()] }] }] })
    expect(spans[0]!.stored.serviceName).toBe('unknown_service')
  })

  it('rejects every span of a resource whose attributes are invalid, and keeps other resources', () => {
    const bad = { resource: { attributes: [{ key: 'service.name', value: { boolValue: 'yes' } }] }, scopeSpans: [{ spans: [makeSpan(), makeSpan()] }] }
    const good = makeRequest('good', [makeSpan()]).resourceSpans[0]
    const { spans, rejected } = collectSpans({ resourceSpans: [bad, good] })
    expect(spans.map((span) => span.stored.serviceName)).toEqual(['good'])
    expect(rejected).toHaveLength(2)
    expect(rejected[0]!.reason).toBe('resource attribute "service.name": boolValue must be a boolean')
  })

  it('accepts an empty request and a request with no spans', () => {
    expect(collectSpans({})).toEqual({ spans: [], rejected: [] })
    expect(collectSpans({ resourceSpans: [] })).toEqual({ spans: [], rejected: [] })
  })

  it('throws a request error for a body that is not an object', () => {
    expect(() => collectSpans([])).toThrow(OtlpRequestError)
    expect(() => collectSpans('x')).toThrow('request body must be a JSON object')
  })
})

describe('checkUnixNano', () => {
  it('reads decimal strings and exact numbers up to 2^63 - 1, reads absent as 0, and says why it refuses the rest', () => {
    expect(checkUnixNano('9223372036854775807', 'startTimeUnixNano')).toBe(9223372036854775807n)
    expect(checkUnixNano(undefined, 'startTimeUnixNano')).toBe(0n)
    expect(checkUnixNano(null, 'startTimeUnixNano')).toBe(0n)
    expect(checkUnixNano('9223372036854775808', 'startTimeUnixNano')).toBe(
      'startTimeUnixNano must be below 2^63 ns (9223372036854775808), the latest time the store keeps',
    )
    expect(checkUnixNano('18446744073709551616', 'endTimeUnixNano')).toMatch(/^endTimeUnixNano must be below 2\^63 ns/)
    for (const bad of [1.5, -1, '0x10', '', '-5', true]) expect(checkUnixNano(bad, 'startTimeUnixNano')).toBe('startTimeUnixNano must be an unsigned integer')
  })
})
