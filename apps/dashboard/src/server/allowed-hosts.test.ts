import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
const { hostNameOf, isHostAllowed, parseAllowedHosts } = await import('./allowed-hosts')

describe('parseAllowedHosts', () => {
  it('allows the loopback names by default, and the host the server listens on', () => {
    expect(parseAllowedHosts(undefined, undefined)).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]'] })
    expect(parseAllowedHosts('', 'dash.internal:3300')).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]', 'dash.internal'] })
  })

  it('adds nothing for a wildcard listen address', () => {
    expect(parseAllowedHosts(undefined, '0.0.0.0:3300')).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]'] })
    expect(parseAllowedHosts(undefined, '[::]:3300')).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]'] })
  })

  it('adds configured names, lowercase and without port', () => {
    const allowed = parseAllowedHosts(' Dash.Example.com , 10.0.0.5:3300,[fd00::1] ', undefined)
    expect(allowed).toEqual({ any: false, names: ['localhost', '127.0.0.1', '[::1]', 'dash.example.com', '10.0.0.5', '[fd00::1]'] })
  })

  it("turns the check off with '*' alone", () => {
    expect(parseAllowedHosts('*', undefined)).toEqual({ any: true })
    expect(() => parseAllowedHosts('*,dash.example.com', undefined)).toThrow(/cannot be combined/)
  })

  it('refuses a malformed entry naming its position, never its text', () => {
    expect(() => parseAllowedHosts('dash.example.com,http://evil/secret', undefined)).toThrow(/entry 2 is not a host name/)
    expect(() => parseAllowedHosts('dash.example.com,http://evil/secret', undefined)).not.toThrow(/evil|secret/)
    expect(() => parseAllowedHosts('bad_name', undefined)).toThrow(/entry 1/)
  })
})

describe('isHostAllowed', () => {
  const defaults = parseAllowedHosts(undefined, '127.0.0.1:3300')

  it('serves the loopback names on any port', () => {
    for (const host of ['localhost', 'localhost:3300', '127.0.0.1:4861', '[::1]:3300', 'LOCALHOST:3300', 'localhost.'])
      expect(isHostAllowed(host, defaults), host).toBe(true)
  })

  it('refuses another name, a name that only starts like an allowed one, and a missing or malformed Host', () => {
    for (const host of ['evil.example', 'evil.example:3300', 'localhost.evil.example', '127.0.0.1.nip.io', '', 'local host', '[::1', 'a:b:c'])
      expect(isHostAllowed(host, defaults), host).toBe(false)
    expect(isHostAllowed(null, defaults)).toBe(false)
    expect(isHostAllowed(undefined, defaults)).toBe(false)
  })

  it("serves any Host when the check is off ('*')", () => {
    expect(isHostAllowed('evil.example', { any: true })).toBe(true)
  })

  it('reads host names from Host header values', () => {
    expect(hostNameOf('Dash.Example.com:3300')).toBe('dash.example.com')
    expect(hostNameOf('[FD00::1]:80')).toBe('[fd00::1]')
    expect(hostNameOf('x:y')).toBeNull()
  })
})
