import { describe, expect, it } from 'vitest'
import { parseStartArgs, portInUseMessage, spaBuildEnv, StartUsageError, startServices } from './start-options.mjs'

const DEFAULT_PORTS = { store: 4318, api: 4567, web: 3000, dashboard: 3300 }

describe('parseStartArgs', () => {
  it('uses the default ports when nothing is given', () => {
    expect(parseStartArgs([], {})).toEqual({ help: false, ports: DEFAULT_PORTS })
  })

  it('takes each port from its option', () => {
    const args = ['--store-port', '4319', '--api-port', '4568', '--web-port=3001', '--dashboard-port', '3301']
    expect(parseStartArgs(args, {}).ports).toEqual({ store: 4319, api: 4568, web: 3001, dashboard: 3301 })
  })

  it('takes each port from its environment variable', () => {
    const env = { SPANLIGHT_STORE_PORT: '5318', SPANLIGHT_API_PORT: '5567', SPANLIGHT_WEB_PORT: '5000', SPANLIGHT_DASHBOARD_PORT: '5300' }
    expect(parseStartArgs([], env).ports).toEqual({ store: 5318, api: 5567, web: 5000, dashboard: 5300 })
  })

  it('lets an option beat its environment variable, and treats an empty variable as unset', () => {
    const env = { SPANLIGHT_STORE_PORT: '5318', SPANLIGHT_API_PORT: '' }
    expect(parseStartArgs(['--store-port', '6318'], env).ports).toEqual({ ...DEFAULT_PORTS, store: 6318 })
  })

  it('names the option or variable whose value is not a port', () => {
    expect(() => parseStartArgs(['--web-port', 'abc'], {})).toThrow("--web-port: 'abc' is not a port")
    expect(() => parseStartArgs(['--web-port', '0'], {})).toThrow("--web-port: '0' is not a port")
    expect(() => parseStartArgs([], { SPANLIGHT_DASHBOARD_PORT: '70000' })).toThrow("SPANLIGHT_DASHBOARD_PORT: '70000' is not a port")
  })

  it('refuses two services on one port', () => {
    expect(() => parseStartArgs(['--dashboard-port', '4318'], {})).toThrow('the trace store and the dashboard cannot both use port 4318')
  })

  it('refuses unknown options with a usage error, and answers --help', () => {
    expect(() => parseStartArgs(['--port', '4319'], {})).toThrow(StartUsageError)
    expect(parseStartArgs(['--help'], {})).toEqual({ help: true })
  })
})

describe('portInUseMessage', () => {
  it('suggests the npm start option and variable that move that service', () => {
    const message = portInUseMessage('store', DEFAULT_PORTS)
    expect(message).toContain('port 4318 (trace store) is already in use')
    expect(message).toContain('npm start -- --store-port <port>')
    expect(message).toContain('SPANLIGHT_STORE_PORT=<port>')
    expect(message).not.toMatch(/ --port/)
  })
})

describe('spaBuildEnv', () => {
  it('leaves the SPA on its defaults when the store and API use the default ports', () => {
    const env = spaBuildEnv({ PATH: '/bin', VITE_API_URL: 'http://elsewhere:1', VITE_ROLLBAR_ACCESS_TOKEN: 't' }, DEFAULT_PORTS)
    expect(env).toEqual({ PATH: '/bin', VITE_ROLLBAR_ACCESS_TOKEN: 't' })
  })

  it('points the SPA at the API and store ports npm start uses', () => {
    const env = spaBuildEnv({}, { ...DEFAULT_PORTS, store: 4319, api: 4568 })
    expect(env).toEqual({ VITE_API_URL: 'http://127.0.0.1:4568', VITE_OTLP_ENDPOINT: 'http://127.0.0.1:4319' })
  })
})

describe('startServices', () => {
  const ports = { store: 4319, api: 4568, web: 3001, dashboard: 3301 }
  const services = Object.fromEntries(startServices(ports, '/repo', '/usr/bin/node').map((service) => [service.key, service]))

  it('starts every service on its own port', () => {
    expect(services.store.command.slice(-4)).toEqual(['--host', '127.0.0.1', '--port', '4319'])
    expect(services.api.env.DEMO_API_PORT).toBe('4568')
    expect(services.web.command).toEqual(expect.arrayContaining(['preview', '--port', '3001', '--strictPort']))
    expect(services.dashboard.command.slice(-2)).toEqual(['--port', '3301'])
  })

  it('wires the API, the SPA server and the dashboard to the store, and the API CORS to the SPA origin', () => {
    expect(services.api.env.SPANLIGHT_OTLP_ENDPOINT).toBe('http://127.0.0.1:4319')
    expect(services.web.env.SPANLIGHT_OTLP_ENDPOINT).toBe('http://127.0.0.1:4319')
    expect(services.api.env.DEMO_API_CORS_ORIGINS).toBe('http://127.0.0.1:3001,http://localhost:3001')
    expect(services.dashboard.env.SPANLIGHT_STORE_URL).toBe('http://127.0.0.1:4319')
  })

  it('lets the store fetch source maps from the SPA’s origin and no other', () => {
    const at = services.store.command.indexOf('--source-map-origin')
    expect(services.store.command.slice(at, at + 2)).toEqual(['--source-map-origin', 'http://127.0.0.1:3001'])
    expect(services.store.command.filter((arg) => arg === '--source-map-origin')).toHaveLength(1)
  })

  it('waits on a URL of each service that answers when it is up', () => {
    expect(Object.values(services).map((service) => service.readyUrl)).toEqual([
      'http://127.0.0.1:4319/health',
      'http://127.0.0.1:4568/api/health',
      'http://127.0.0.1:3001',
      'http://127.0.0.1:3301/api/config',
    ])
  })
})
