import { describe, expect, it, vi } from 'vitest'
import type { Upstream } from './upstream'

vi.mock('server-only', () => ({}))
const { safeUpstreamDetail, upstreamStatusMessage } = await import('./safe-upstream-text')
const { badResponse } = await import('./upstream')

const TOKEN = 'unit-token-31f9c2'
const jaeger: Upstream = {
  name: 'Jaeger',
  baseUrl: 'http://jaeger.internal:16686/prefix-7a1',
  headers: { authorization: `Bearer ${TOKEN}`, 'x-scope-orgid': 'tenant-b7' },
  timeoutMs: 1000,
  unreachableHint: '',
}

describe('safeUpstreamDetail', () => {
  it("keeps an upstream's message that holds nothing of the request", () => {
    expect(safeUpstreamDetail(jaeger, 'malformed parameter query.start_time_min: parsing time "yesterday"')).toBe(
      'malformed parameter query.start_time_min: parsing time "yesterday"',
    )
    expect(safeUpstreamDetail(jaeger, '  internal\n failure ')).toBe('internal failure')
  })

  it.each([
    ['an absolute URL', 'failed GET https://elsewhere.example/x'],
    ['its own base URL', 'failed GET http://jaeger.internal:16686/prefix-7a1/api/v3/services'],
    ['its host alone', 'jaeger.internal refused'],
    ['its base path alone', 'no route prefix-7a1'],
    ['a request path', 'no route for GET /api/v3/traces'],
    ['a query string', 'bad value in ?query.service_name=x'],
    ['the token', `token ${TOKEN} expired`],
    ['the token without the word token', `credential ${TOKEN} expired`],
    ['another header value', 'unknown tenant tenant-b7'],
    ['a header dump', '{"authorization":"Bearer abc","x-scope-orgid":"t"}'],
    ['an IP address', 'connect to 10.1.2.3 failed'],
    ['an IPv6 literal', 'connect to [fd00::1] failed'],
    ['a control character', 'a\u0007b'],
  ])('drops a message holding %s', (_what, text) => {
    expect(safeUpstreamDetail(jaeger, text)).toBeUndefined()
  })

  it('checks the whole text before shortening it, so a URL past the cut still drops it', () => {
    expect(safeUpstreamDetail(jaeger, `${'x '.repeat(150)} https://jaeger.internal/`)).toBeUndefined()
    expect(safeUpstreamDetail(jaeger, 'y '.repeat(150))).toHaveLength(200)
  })
})

describe('upstreamStatusMessage', () => {
  it('names the upstream and the status, with what the status means when the text was dropped', () => {
    expect(upstreamStatusMessage(jaeger, 400, `bad ${TOKEN}`)).toBe('Jaeger answered HTTP 400 (it did not accept the request)')
    expect(upstreamStatusMessage(jaeger, 429, undefined)).toBe('Jaeger answered HTTP 429 (it is limiting the rate of requests; try again shortly)')
    expect(upstreamStatusMessage(jaeger, 500, 'boom')).toBe('Jaeger answered HTTP 500: boom')
    expect(upstreamStatusMessage(jaeger, 302, undefined)).toBe('Jaeger answered HTTP 302')
  })
})

describe('badResponse', () => {
  it('leaves out a place in the response that holds an address (a record keyed by URL)', () => {
    expect(badResponse(jaeger, 'processes.http://jaeger.internal:16686/x.serviceName: expected a string').message).toBe(
      'Jaeger sent a response the dashboard does not understand',
    )
    expect(badResponse(jaeger, 'spans.0: startTimeUnixNano: expected a string').message).toBe(
      'Jaeger sent a response the dashboard does not understand (at spans.0: startTimeUnixNano: expected a string)',
    )
  })
})
