import { describe, expect, it } from 'vitest'
import { isCorsPreflight, isRequestToAny, isUntracedPath } from './telemetry-urls.js'

describe('isRequestToAny', () => {
  const urls = ['http://127.0.0.1:4318', 'http://127.0.0.1:4318/api/1/', 'https://api.rollbar.com/']

  it('matches requests to the OTLP receiver and the Rollbar endpoint', () => {
    expect(isRequestToAny({ hostname: '127.0.0.1', port: 4318, path: '/v1/traces' }, urls)).toBe(true)
    expect(isRequestToAny({ hostname: 'api.rollbar.com', protocol: 'https:', path: '/api/1/item/' }, urls)).toBe(true)
  })

  it('leaves other requests traced', () => {
    expect(isRequestToAny({ hostname: '127.0.0.1', port: 4567, path: '/api/activities/home' }, urls)).toBe(false)
    expect(isRequestToAny({ hostname: 'example.com', path: '/' }, urls)).toBe(false)
    expect(isRequestToAny({ hostname: '127.0.0.1', port: 9000, path: '/api/1/item/' }, ['http://127.0.0.1:9000/api/1/'])).toBe(true)
    expect(isRequestToAny({ hostname: '127.0.0.1', port: 9000, path: '/other' }, ['http://127.0.0.1:9000/api/1/'])).toBe(false)
  })
})

describe('isUntracedPath', () => {
  it('skips health checks with or without a query', () => {
    expect(isUntracedPath('/api/health')).toBe(true)
    expect(isUntracedPath('/api/health?probe=1')).toBe(true)
    expect(isUntracedPath('/api/activities/home')).toBe(false)
  })
})

describe('isCorsPreflight', () => {
  it('recognises a browser preflight and nothing else', () => {
    expect(isCorsPreflight({ method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } })).toBe(true)
    expect(isCorsPreflight({ method: 'OPTIONS', headers: {} })).toBe(false)
    expect(isCorsPreflight({ method: 'GET', headers: { 'access-control-request-method': 'GET' } })).toBe(false)
  })
})
