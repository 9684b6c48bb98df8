import { describe, expect, it } from 'vitest'
import { makeRequest, makeSpan } from '../../test-support/otlp-builders.js'
import { parseUnixNano } from '../otlp/check-span-fields.js'
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

describe('parseUnixNano', () => {
  it('reads decimal strings and exact numbers, and refuses the rest', () => {
    expect(parseUnixNano('18446744073709551615')).toBe(18446744073709551615n)
    expect(parseUnixNano('18446744073709551616')).toBeNull()
    expect(parseUnixNano(1.5)).toBeNull()
    expect(parseUnixNano(-1)).toBeNull()
    expect(parseUnixNano('0x10')).toBeNull()
  })
})
