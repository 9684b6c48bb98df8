import { describe, expect, it } from 'vitest'
import { errorFiltersToParams, parseErrorFilters } from './error-filters-state'
import { parseItemFilters, parseItemId } from './item-filters'
import { normalizeLevel, normalizeStatus, occurrenceDetails, occurrenceTraceLink, toOccurrence } from './rollbar-model'

describe('Rollbar model', () => {
  it('normalises levels given as names or numbers', () => {
    expect([normalizeLevel(40), normalizeLevel('WARNING'), normalizeLevel('50'), normalizeLevel(undefined), normalizeLevel(10)]).toEqual([
      'error',
      'warning',
      'critical',
      'error',
      'debug',
    ])
    expect([normalizeStatus(1), normalizeStatus('Resolved')]).toEqual(['active', 'resolved'])
  })

  it('takes the trace id from custom data first, then from attributes, and ignores ids that are not hex', () => {
    expect(occurrenceTraceLink({ custom: { trace_id: '5B8EFFF798038103D269B633813FC60C', span_id: 'eee19b7ec3c1b174' } })).toEqual({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      sessionId: null,
    })
    expect(
      occurrenceTraceLink({
        attributes: [
          { key: 'trace_id', value: '5b8efff798038103d269b633813fc60c' },
          { key: 'session_id', value: 's1' },
        ],
      }),
    ).toMatchObject({ traceId: '5b8efff798038103d269b633813fc60c', sessionId: 's1' })
    expect(occurrenceTraceLink({ custom: { trace_id: '<script>' } }).traceId).toBeNull()
    expect(occurrenceTraceLink(null).traceId).toBeNull()
  })

  it('reads trace chains and keeps custom data as sent', () => {
    const occurrence = toOccurrence({
      id: 1,
      item_id: 2,
      timestamp: 3,
      data: {
        body: {
          trace_chain: [
            { exception: { class: 'Outer', message: 'a' }, frames: [] },
            { exception: { class: 'Inner' }, frames: [{ filename: 'x.js', lineno: 1 }] },
          ],
        },
        custom: { html: '<b>x</b>' },
      },
    })
    expect(occurrence.exceptions.map((exception) => exception.className)).toEqual(['Outer', 'Inner'])
    expect(occurrence.exceptions[1]!.frames[0]).toEqual({ filename: 'x.js', lineno: 1, colno: null, method: '', code: null })
    expect(occurrence.custom).toEqual({ html: '<b>x</b>' })
    expect(occurrence.traceId).toBeNull()
  })
})

describe('occurrence details', () => {
  it('reads telemetry oldest first, skipping events without a time', () => {
    const details = occurrenceDetails({
      body: {
        telemetry: [
          { level: 'info', type: 'network', source: 'client', timestamp_ms: 2000, body: { method: 'GET', url: '/a', status_code: 200 } },
          { level: 'info', type: 'navigation', source: 'client', timestamp_ms: 1000, body: { from: '/', to: '/a' } },
          { level: 'info', type: 'log', source: 'client', body: { message: 'no time' } },
          'not an event',
        ],
      },
    })
    expect(details.telemetry.map((event) => [event.type, event.timestampMs])).toEqual([
      ['navigation', 1000],
      ['network', 2000],
    ])
  })

  it('says an IP was not recorded when the payload still holds the $remote_ip placeholder', () => {
    expect(occurrenceDetails({ request: { url: 'https://shop/cart', method: 'GET', user_ip: '$remote_ip' } }).request).toEqual({
      url: 'https://shop/cart',
      method: 'GET',
      userIp: null,
    })
    expect(occurrenceDetails({ request: { user_ip: '203.0.113.7' } }).request?.userIp).toBe('203.0.113.7')
  })

  it('reads browser, person and server, numeric person ids as text, absent parts as null', () => {
    const details = occurrenceDetails({
      client: { javascript: { browser: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0' } },
      person: { id: 42, username: 'ada', email: 'ada@example.com' },
      server: { host: 'api-1', code_version: 'abc123' },
    })
    expect(details).toMatchObject({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
      person: { id: '42', username: 'ada', email: 'ada@example.com' },
      server: { host: 'api-1', codeVersion: 'abc123' },
      request: null,
    })
    expect(occurrenceDetails(null)).toEqual({ telemetry: [], userAgent: null, person: null, request: null, server: null })
  })

  it('keeps source-mapped frames with their minified position, context lines and in_app mark', () => {
    const occurrence = toOccurrence({
      id: 1,
      item_id: 2,
      timestamp: 3,
      data: {
        body: {
          trace: {
            exception: { class: 'TypeError', message: 'x' },
            frames: [
              {
                filename: 'webpack://shop/src/cart.ts',
                lineno: 42,
                colno: 7,
                method: 'total',
                code: 'return cart.items.length',
                context: { pre: ['function total(cart) {'], post: ['}', 7] },
                minified: { filename: 'https://shop/assets/index-abc.js', lineno: 9, colno: 119381 },
                in_app: true,
              },
            ],
          },
        },
      },
    })
    expect(occurrence.exceptions[0]!.frames[0]).toEqual({
      filename: 'webpack://shop/src/cart.ts',
      lineno: 42,
      colno: 7,
      method: 'total',
      code: 'return cart.items.length',
      context: { pre: ['function total(cart) {'], post: ['}'] },
      minified: { filename: 'https://shop/assets/index-abc.js', lineno: 9, colno: 119381 },
      inApp: true,
    })
  })
})

describe('errors list filters', () => {
  it('validates the API filters and names what is wrong', () => {
    expect(parseItemFilters(new URLSearchParams('status=active&level=error&level=critical&page=2'))).toEqual({
      ok: true,
      value: { status: 'active', levels: ['error', 'critical'], environment: undefined, query: undefined, page: 2 },
    })
    expect(parseItemFilters(new URLSearchParams('level=fatal'))).toEqual({ ok: false, reason: 'level: must be one of debug, info, warning, error, critical' })
    expect(parseItemFilters(new URLSearchParams('page=0'))).toEqual({ ok: false, reason: 'page: must be >= 1' })
    expect(parseItemId('12')).toEqual({ ok: true, value: 12 })
    expect(parseItemId('1e3').ok).toBe(false)
  })

  it('round-trips the page URL state', () => {
    const state = { status: 'active' as const, levels: ['error' as const], environment: 'prod', q: 'Type', page: 3 }
    expect(parseErrorFilters(errorFiltersToParams(state))).toEqual(state)
    expect(parseErrorFilters(new URLSearchParams('status=nope&level=nope&page=-1'))).toEqual({ status: '', levels: [], environment: '', q: '', page: 1 })
  })
})
