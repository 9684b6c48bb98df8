import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CORS_ORIGINS, DEFAULT_LOCAL_ROLLBAR_TOKEN, loadConfig } from './load-config.js'

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:4567, the SPA origins and the local store for traces and Rollbar items', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4567,
      databaseFile: '.spanlight/demo-api.db',
      corsOrigins: DEFAULT_CORS_ORIGINS,
      otlpEndpoint: 'http://127.0.0.1:4318',
      rollbar: { accessToken: DEFAULT_LOCAL_ROLLBAR_TOKEN, endpoint: 'http://127.0.0.1:4318/api/1/', environment: 'development' },
    })
  })

  it('reads a list of CORS origins and a store URL with a trailing slash', () => {
    const config = loadConfig({ DEMO_API_CORS_ORIGINS: 'http://a.test:1, http://b.test', SPANLIGHT_OTLP_ENDPOINT: 'http://127.0.0.1:4999/' })
    expect(config.corsOrigins).toEqual(['http://a.test:1', 'http://b.test'])
    expect(config.otlpEndpoint).toBe('http://127.0.0.1:4999')
    expect(config.rollbar.endpoint).toBe('http://127.0.0.1:4999/api/1/')
  })

  it('sends errors to Rollbar itself once a real token is configured', () => {
    expect(loadConfig({ ROLLBAR_ACCESS_TOKEN: 'post-server-token' }).rollbar).toEqual({
      accessToken: 'post-server-token',
      endpoint: undefined,
      environment: 'development',
    })
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DEMO_API_PORT: '', ROLLBAR_ACCESS_TOKEN: '' }).port).toBe(4567)
  })

  it('fails fast naming each bad variable', () => {
    expect(() => loadConfig({ DEMO_API_PORT: 'eighty', SPANLIGHT_OTLP_ENDPOINT: 'not a url' })).toThrow(ConfigError)
    expect(() => loadConfig({ DEMO_API_PORT: '70000' })).toThrow(/DEMO_API_PORT: must be between 0 and 65535/)
    expect(() => loadConfig({ SPANLIGHT_OTLP_ENDPOINT: 'not a url' })).toThrow(/SPANLIGHT_OTLP_ENDPOINT/)
    expect(() => loadConfig({ DEMO_API_CORS_ORIGINS: 'localhost' })).toThrow(/DEMO_API_CORS_ORIGINS/)
  })
})
