import { describe, expect, it } from 'vitest'
import { describeUserAgent, parseUserAgent } from './user-agent'

// Real user-agent strings as each browser sends them.
const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
  headlessChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36',
}

describe('parseUserAgent', () => {
  it('names the browser and its major version, Edge before the Chrome it also claims to be', () => {
    expect(parseUserAgent(UA.chromeWindows).browser).toEqual({ name: 'Chrome', version: '126' })
    expect(parseUserAgent(UA.edgeWindows).browser).toEqual({ name: 'Edge', version: '126' })
    expect(parseUserAgent(UA.firefoxLinux).browser).toEqual({ name: 'Firefox', version: '127' })
    expect(parseUserAgent(UA.safariMac).browser).toEqual({ name: 'Safari', version: '17' })
    expect(parseUserAgent(UA.safariIphone).browser).toEqual({ name: 'Safari', version: '17' })
    expect(parseUserAgent(UA.chromeIphone).browser).toEqual({ name: 'Chrome', version: '126' })
  })

  it('names the operating system, Android and iOS before the Linux and Mac OS X they mention', () => {
    expect(parseUserAgent(UA.chromeWindows).os).toEqual({ name: 'Windows', version: '10/11' })
    expect(parseUserAgent(UA.firefoxLinux).os).toEqual({ name: 'Linux', version: null })
    expect(parseUserAgent(UA.safariMac).os).toEqual({ name: 'macOS', version: '10.15.7' })
    expect(parseUserAgent(UA.firefoxMac).os).toEqual({ name: 'macOS', version: '14.5' })
    expect(parseUserAgent(UA.safariIphone).os).toEqual({ name: 'iOS', version: '17.4.1' })
    expect(parseUserAgent(UA.chromeAndroid).os).toEqual({ name: 'Android', version: '14' })
  })

  it('says what it recognised and nothing more', () => {
    expect(describeUserAgent(parseUserAgent(UA.chromeAndroid))).toBe('Chrome 126 on Android 14')
    expect(describeUserAgent(parseUserAgent(UA.headlessChrome))).toBe('Linux')
    expect(describeUserAgent(parseUserAgent('Mozilla/5.0'))).toBeNull()
    expect(describeUserAgent(parseUserAgent(null))).toBeNull()
    expect(parseUserAgent('curl/8.5.0')).toEqual({ browser: null, os: null })
  })
})
