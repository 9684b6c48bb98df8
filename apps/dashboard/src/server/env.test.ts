import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
const { parseEnv, secretValues } = await import('./env')

describe('parseEnv', () => {
  it('defaults to the embedded store for traces and Rollbar items', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      traceSource: 'store',
      storeUrl: 'http://127.0.0.1:4318',
      rollbar: { kind: 'store', url: 'http://127.0.0.1:4318' },
      timeoutMs: 10_000,
    })
  })

  it('picks Jaeger or Tempo from their URLs and Rollbar when a read token is set', () => {
    expect(parseEnv({ JAEGER_URL: 'http://jaeger:16686/' }).traceSource).toBe('jaeger')
    expect(parseEnv({ JAEGER_URL: 'http://jaeger:16686/' }).jaeger?.url).toBe('http://jaeger:16686')
    expect(parseEnv({ TEMPO_URL: 'http://tempo:3200', TEMPO_ORG_ID: 'a' }).tempo).toEqual({ url: 'http://tempo:3200', token: undefined, orgId: 'a' })
    expect(parseEnv({ ROLLBAR_READ_TOKEN: 'tok' }).rollbar).toEqual({ kind: 'rollbar', url: 'https://api.rollbar.com', token: 'tok' })
  })

  it('fails naming the variable, never echoing its value', () => {
    expect(() => parseEnv({ SPANLIGHT_STORE_URL: 'ftp://secret-host' })).toThrow(/SPANLIGHT_STORE_URL: must start with http/)
    expect(() => parseEnv({ SPANLIGHT_STORE_URL: 'ftp://secret-host' })).not.toThrow(/secret-host/)
    expect(() => parseEnv({ SPANLIGHT_UPSTREAM_TIMEOUT_MS: 'soon' })).toThrow(/SPANLIGHT_UPSTREAM_TIMEOUT_MS: must be whole milliseconds/)
    expect(() => parseEnv({ SPANLIGHT_TRACE_SOURCE: 'zipkin' })).toThrow(/SPANLIGHT_TRACE_SOURCE/)
    expect(() => parseEnv({ SPANLIGHT_TRACE_SOURCE: 'tempo' })).toThrow(/TEMPO_URL: required/)
    expect(() => parseEnv({ JAEGER_URL: 'http://j', TEMPO_URL: 'http://t' })).toThrow(/SPANLIGHT_TRACE_SOURCE: required when both/)
  })

  it('keeps an optional Rollbar write token apart from the read token, and scrubs it too', () => {
    expect(parseEnv({ ROLLBAR_READ_TOKEN: 'r' }).rollbarWriteToken).toBeUndefined()
    const env = parseEnv({ ROLLBAR_READ_TOKEN: 'r', ROLLBAR_WRITE_TOKEN: ' w ' })
    expect(env.rollbarWriteToken).toBe('w')
    expect(secretValues(env)).toContain('w')
  })

  it('keeps an optional store write token (saved queries) apart from the read token, and scrubs it too', () => {
    expect(parseEnv({ SPANLIGHT_READ_TOKEN: 'r' }).storeWriteToken).toBeUndefined()
    const env = parseEnv({ SPANLIGHT_READ_TOKEN: 'r', SPANLIGHT_WRITE_TOKEN: ' w ' })
    expect(env.storeWriteToken).toBe('w')
    expect(secretValues(env)).toContain('w')
  })

  it('lists the secrets to scrub', () => {
    expect(secretValues(parseEnv({ SPANLIGHT_READ_TOKEN: 'a', ROLLBAR_READ_TOKEN: 'b', JAEGER_URL: 'http://j', JAEGER_TOKEN: 'c' })).sort()).toEqual([
      'a',
      'b',
      'c',
    ])
  })
})

describe('parseEnv: allowed hosts', () => {
  it('allows the loopback names and the host next start listens on', () => {
    expect(parseEnv({}).allowedHosts).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]'] })
    expect(parseEnv({ __NEXT_PRIVATE_ORIGIN: 'http://dash.internal:3300' }).allowedHosts).toEqual({
      any: false,
      names: ['localhost', '127.0.0.1', '[::1]', 'dash.internal'],
    })
  })

  it('reads SPANLIGHT_DASHBOARD_ALLOWED_HOSTS, and fails naming it (never its value) when an entry is not a host name', () => {
    expect(parseEnv({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: 'dash.example.com' }).allowedHosts).toMatchObject({
      names: expect.arrayContaining(['dash.example.com']),
    })
    expect(parseEnv({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: '*' }).allowedHosts).toEqual({ any: true })
    expect(() => parseEnv({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: 'https://private.example/x' })).toThrow(/SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: entry 1/)
    expect(() => parseEnv({ SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: 'https://private.example/x' })).not.toThrow(/private/)
  })
})
